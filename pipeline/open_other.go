//go:build !unix

package pipeline

const openFlags = 0
