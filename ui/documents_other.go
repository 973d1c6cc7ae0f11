//go:build !windows

package ui

// KnownDocuments: only Windows redirects Documents (documents_windows.go);
// elsewhere ~/Documents is used.
func KnownDocuments() string { return "" }
