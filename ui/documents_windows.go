//go:build windows

package ui

import "golang.org/x/sys/windows"

// KnownDocuments is the user's Documents folder as Windows knows it ("" if
// it cannot say). On council desktops it is often redirected (to a home
// drive such as H:, or to OneDrive), so it is not always
// %USERPROFILE%\Documents.
func KnownDocuments() string {
	d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
	if err != nil {
		return ""
	}
	return d
}
