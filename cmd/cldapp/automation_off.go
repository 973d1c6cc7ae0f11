//go:build !automation

package main

// forcedNoGL is the automation build's test hook (automation.go); the
// release program always asks the graphics driver.
func forcedNoGL() bool { return false }
