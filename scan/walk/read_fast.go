//go:build linux || darwin

package walk

import (
	"errors"
	"syscall"
)

// readRegular opens the file at abs and reads it into buf (grown as
// needed) if it is a regular file of at most limit bytes (no cap when limit
// is negative).
//
// It calls the system directly: os.Open on Linux puts every file in
// non-blocking mode, tries to register it with the network poller, fails
// (regular files cannot be polled), puts it back, and sets a finalizer:
// five more system calls than open, fstat, read and close, which is most
// of the cost of reading a small file. O_NONBLOCK keeps open from hanging
// on a FIFO that replaced a regular file since the walk saw it; regular
// files ignore it.
func readRegular(abs string, limit int64, buf []byte) readResult {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(abs, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		return readResult{buf: buf, err: err}
	}
	defer func() { _ = syscall.Close(fd) }()
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return readResult{buf: buf, err: err}
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
	case syscall.S_IFIFO:
		return readResult{buf: buf, notRegular: "named pipe"}
	case syscall.S_IFSOCK:
		return readResult{buf: buf, notRegular: "socket"}
	case syscall.S_IFDIR:
		return readResult{buf: buf, notRegular: "directory"}
	default:
		return readResult{buf: buf, notRegular: "device"}
	}
	size := st.Size
	if limit >= 0 && size > limit {
		return readResult{buf: buf, size: size, tooBig: true}
	}
	if int64(cap(buf)) < size {
		buf = make([]byte, size+size/8)
	}
	content := buf[:size]
	n := 0
	for n < len(content) {
		m, err := syscall.Read(fd, content[n:])
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return readResult{buf: buf, err: err}
		}
		if m == 0 {
			break // the file shrank since fstat
		}
		n += m
	}
	return readResult{buf: buf, content: content[:n], size: size}
}
