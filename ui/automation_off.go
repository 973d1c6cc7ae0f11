//go:build !automation

package ui

// The release program has no automation: screenshots, UI benchmarks and
// profiles are in automation.go, built only with -tags automation.

// StartAutomation arms nothing and reports false.
func (w *Window) StartAutomation() bool { return false }

// automationObserver is the observer Create installs: none.
func automationObserver() observer { return nil }
