//go:build !(linux || darwin)

package walk

import (
	"io"
	"os"
)

// readRegular opens the file at abs and reads it into buf (grown as
// needed) if it is a regular file of at most limit bytes (no cap when limit
// is negative). This is the portable version; see read_fast.go.
func readRegular(abs string, limit int64, buf []byte) readResult {
	f, err := os.Open(abs)
	if err != nil {
		return readResult{buf: buf, err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return readResult{buf: buf, err: err}
	}
	if !st.Mode().IsRegular() {
		return readResult{buf: buf, notRegular: modeName(st.Mode())}
	}
	size := st.Size()
	if limit >= 0 && size > limit {
		return readResult{buf: buf, size: size, tooBig: true}
	}
	if int64(cap(buf)) < size {
		buf = make([]byte, size+size/8)
	}
	n, err := io.ReadFull(f, buf[:size])
	if err != nil && err != io.ErrUnexpectedEOF {
		return readResult{buf: buf, err: err}
	}
	return readResult{buf: buf, content: buf[:n], size: size}
}
