package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/go-gl/gl/v2.1/gl"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// Fyne draws with OpenGL 2.1. On a remote or virtual desktop without 3D
// graphics (Citrix, RDP, VDI) creating its window fails ("WGL: The driver
// does not appear to support OpenGL", fyne issues 409/410, rymdport 156):
// Fyne v2.7.1 then logs the error and quits or calls os.Exit(1), and with
// a windowed .exe there is no console to log to, so the program would just
// vanish. Some drivers crash or hang instead.
//
// So before creating the window, the program runs itself once more with
// --gl-probe: that child makes a hidden 2.1 context exactly as Fyne asks
// for it, compiles a shader and exits 0. Whatever goes wrong in the child
// (an error, a crash, a hang past probeTimeout) cannot take the real
// program with it; the parent then checks the files without a window.

const glProbeArg = "--gl-probe"

// probeTimeout bounds the probe: a slow RDP session can take seconds to
// create a context, a broken driver can hang for ever.
const probeTimeout = 20 * time.Second

// windowAvailable reports whether this computer can show the window, and
// if not, why (for the log; the user gets a plain message).
func windowAvailable() (bool, string) {
	if forcedNoGL() { // tests of the fallback (automation build only)
		return false, "CLDAPP_FORCE_NO_GL=1"
	}
	exe, err := os.Executable()
	if err != nil {
		return true, "" // cannot probe: try the window
	}
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, glProbeArg)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// A process the probe starts can inherit its output pipe and outlive
	// it (Wine's explorer.exe /desktop does, when the probe's window is
	// the first on the desktop), and Wait would then wait for that pipe
	// for ever: stop waiting for the output shortly after the probe ends.
	cmd.WaitDelay = 2 * time.Second
	hideChildWindow(cmd)
	err = cmd.Run()
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil // the probe exited 0; only a process it started kept the pipe open
	}
	if ctx.Err() != nil {
		return false, fmt.Sprintf("the OpenGL probe did not finish within %s", probeTimeout)
	}
	if err != nil {
		msg := strings.TrimSpace(out.String())
		if i := strings.IndexByte(msg, '\n'); i > 0 {
			msg = msg[:i]
		}
		return false, fmt.Sprintf("OpenGL probe failed (%v): %s", err, msg)
	}
	return true, ""
}

// runGLProbe is the child: it exits 0 when an OpenGL 2.1 context can be
// created and used as Fyne will.
func runGLProbe() int {
	if err := glfw.Init(); err != nil {
		fmt.Println("GLFW could not start:", err)
		return 1
	}
	defer glfw.Terminate()
	glfw.WindowHint(glfw.Visible, glfw.False)
	glfw.WindowHint(glfw.ContextVersionMajor, 2) // Fyne's own hints
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
	win, err := glfw.CreateWindow(64, 64, "CLD Validator graphics check", nil, nil)
	if err != nil {
		fmt.Println("window creation error:", err)
		return 1
	}
	defer win.Destroy()
	win.MakeContextCurrent()
	if err := gl.Init(); err != nil {
		fmt.Println("OpenGL could not start:", err)
		return 1
	}
	ver := gl.GoStr(gl.GetString(gl.VERSION))
	if !atLeast21(ver) {
		fmt.Println("OpenGL 2.1 is needed; the driver offers", ver)
		return 1
	}
	if err := compileProbeShader(); err != nil {
		fmt.Println("OpenGL shaders do not work:", err)
		return 1
	}
	fmt.Println("OK: OpenGL", ver)
	return 0
}

// atLeast21 reads "major.minor..." from an OpenGL version string.
func atLeast21(v string) bool {
	f := strings.Fields(v)
	if len(f) == 0 {
		return false
	}
	parts := strings.SplitN(f[0], ".", 3)
	if len(parts) < 2 {
		return false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return major > 2 || (major == 2 && minor >= 1)
}

// compileProbeShader compiles and links a shader pair in the GLSL version
// Fyne's painter uses.
func compileProbeShader() error {
	compile := func(kind uint32, src string) (uint32, error) {
		s := gl.CreateShader(kind)
		cs, free := gl.Strs(src + "\x00")
		gl.ShaderSource(s, 1, cs, nil)
		free()
		gl.CompileShader(s)
		var ok int32
		gl.GetShaderiv(s, gl.COMPILE_STATUS, &ok)
		if ok == gl.FALSE {
			return 0, fmt.Errorf("shader did not compile")
		}
		return s, nil
	}
	vs, err := compile(gl.VERTEX_SHADER, "#version 110\nattribute vec2 vert;\nvoid main() { gl_Position = vec4(vert, 0.0, 1.0); }")
	if err != nil {
		return err
	}
	fs, err := compile(gl.FRAGMENT_SHADER, "#version 110\nvoid main() { gl_FragColor = vec4(1.0); }")
	if err != nil {
		return err
	}
	p := gl.CreateProgram()
	gl.AttachShader(p, vs)
	gl.AttachShader(p, fs)
	gl.LinkProgram(p)
	var ok int32
	gl.GetProgramiv(p, gl.LINK_STATUS, &ok)
	if ok == gl.FALSE {
		return fmt.Errorf("shader program did not link")
	}
	gl.DeleteProgram(p)
	gl.DeleteShader(vs)
	gl.DeleteShader(fs)
	return nil
}
