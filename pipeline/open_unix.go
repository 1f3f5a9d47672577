//go:build unix

package pipeline

import "syscall"

// openFlags make opening a FIFO swapped in for a listed file return at once
// instead of waiting for a writer; the opened file's mode is then refused.
const openFlags = syscall.O_NONBLOCK
