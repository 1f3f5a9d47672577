package store

import "strings"

// sqlWhere builds a WHERE clause from conditions with their arguments, for
// the filters of export and claims.
type sqlWhere struct {
	list []string
	args []any
}

// add appends a condition with its arguments.
func (c *sqlWhere) add(cond string, args ...any) {
	c.list = append(c.list, cond)
	c.args = append(c.args, args...)
}

// in appends "expr IN (?, ...)" for vals; nothing when vals is empty.
func (c *sqlWhere) in(expr string, vals []string) {
	if len(vals) == 0 {
		return
	}
	marks := make([]string, len(vals))
	for i, v := range vals {
		marks[i] = "?"
		c.args = append(c.args, v)
	}
	c.list = append(c.list, expr+" IN ("+strings.Join(marks, ", ")+")")
}
