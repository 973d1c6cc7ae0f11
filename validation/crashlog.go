package validation

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
)

// logInternal describes an internal problem (a panic caught in a check)
// to Options.OnInternalProblem, or standard error when none is given. The
// description never holds cell values: only the check's name, the kind of
// fault and the stack.
func (e *engine) logInternal(check string, p any) {
	msg := fmt.Sprintf("internal problem in check %q: %s\n%s", check, SafePanicText(p), debug.Stack())
	if e.opts.OnInternalProblem != nil {
		e.opts.OnInternalProblem(msg)
		return
	}
	fmt.Fprintln(os.Stderr, msg)
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
