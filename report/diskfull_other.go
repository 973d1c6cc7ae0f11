//go:build !unix && !windows

package report

func isDiskFull(error) bool { return false }

func isSharingViolation(error) bool { return false }
