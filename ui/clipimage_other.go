//go:build !windows

package ui

import "image"

// copyImage is not available here: Fyne's clipboard holds text only.
func copyImage(image.Image) error { return errNoImageClipboard }
