//go:build !windows

package main

import "os/exec"

// showNativeMessage has no native message box outside Windows; callers
// print to standard error as well.
func showNativeMessage(title, text string) bool { return false }

func hideChildWindow(*exec.Cmd) {}
