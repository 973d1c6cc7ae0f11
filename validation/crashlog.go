package validation

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// InternalLog receives a description of an internal problem (a panic caught
// in a check). It never contains cell values: only the check's name, the
// kind of fault and the stack. The app points it at its crash log; by
// default it writes to standard error.
var (
	internalLogMu sync.Mutex
	InternalLog   = func(msg string) { fmt.Fprintln(os.Stderr, msg) }
)

func logInternal(check string, p any) {
	internalLogMu.Lock()
	defer internalLogMu.Unlock()
	InternalLog(fmt.Sprintf("internal problem in check %q: %s\n%s", check, SafePanicText(p), debug.Stack()))
}

// SafePanicText describes a panic value without risking personal data: the
// runtime's own messages (index out of range, nil pointer...) hold no cell
// values; anything else is reduced to its type.
func SafePanicText(p any) string {
	if re, ok := p.(runtime.Error); ok {
		return re.Error()
	}
	return fmt.Sprintf("panic of type %T (value withheld: it may contain data)", p)
}
