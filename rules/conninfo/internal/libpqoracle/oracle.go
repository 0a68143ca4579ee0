//go:build cgo && libpq

package libpqoracle

/*
#cgo pkg-config: libpq
#include <stdlib.h>
#include <libpq-fe.h>
*/
import "C"

import (
	"errors"
	"strings"
	"unsafe"
)

// Parse parses s with PQconninfoParse and returns the options that have a value, keyed by
// keyword. On failure the error carries libpq's message without its trailing newline.
//
// libpq sees a C string, so s ends at its first NUL byte, as it would in any C caller.
func Parse(s string) (map[string]string, error) {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	var errmsg *C.char
	opts := C.PQconninfoParse(cs, &errmsg) //nolint:gocritic // cgo's generated pointer check for &errmsg, not our code
	if opts == nil {
		if errmsg == nil {
			return nil, errors.New("PQconninfoParse failed without a message (out of memory?)")
		}
		msg := C.GoString(errmsg)
		C.PQfreemem(unsafe.Pointer(errmsg))
		return nil, errors.New(strings.TrimSuffix(msg, "\n"))
	}
	defer C.PQconninfoFree(opts)
	return collect(opts), nil
}

// Keywords returns every keyword this libpq knows, in PQconninfoOptions order.
func Keywords() []string {
	opts := C.PQconndefaults()
	if opts == nil {
		return nil
	}
	defer C.PQconninfoFree(opts)
	var kws []string
	for _, o := range options(opts) {
		kws = append(kws, C.GoString(o.keyword))
	}
	return kws
}

// Version returns libpq's major version (15 for 15.18), from PQlibVersion.
func Version() int {
	v := int(C.PQlibVersion())
	if v >= 100000 {
		return v / 10000
	}
	return v / 100 // 9.x encoded as 90x0x
}

func options(opts *C.PQconninfoOption) []C.PQconninfoOption {
	size := unsafe.Sizeof(*opts)
	n := 0
	for (*C.PQconninfoOption)(unsafe.Add(unsafe.Pointer(opts), uintptr(n)*size)).keyword != nil {
		n++
	}
	return unsafe.Slice(opts, n)
}

func collect(opts *C.PQconninfoOption) map[string]string {
	m := make(map[string]string)
	for _, o := range options(opts) {
		if o.val != nil {
			m[C.GoString(o.keyword)] = C.GoString(o.val)
		}
	}
	return m
}
