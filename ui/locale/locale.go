// Package locale keeps Fyne quiet about the POSIX locale. With LANG set to
// "C.UTF-8" (usual on servers and CI), Fyne's lang package logs "Error
// parsing user locale C" to standard error while the program starts, which
// would land in the output of every command-line command. Fyne treats a
// plain "C" as "no locale, use English", so for the moment its packages
// initialise, "C.UTF-8" and the like read as "C"; Restore puts them back.
//
// It works because Go initialises packages in import-path order where
// dependencies allow: cldvalidator/… comes before fyne.io/….
package locale

import (
	"os"
	"strings"
)

var saved = map[string]string{}

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		base, _, _ := strings.Cut(v, ".")
		base, _, _ = strings.Cut(base, "@")
		if (base == "C" || base == "POSIX") && v != base {
			saved[k] = v
			os.Setenv(k, base)
		}
	}
}

// Restore puts the environment back as it was (call it from main's init).
func Restore() {
	for k, v := range saved {
		os.Setenv(k, v)
	}
}
