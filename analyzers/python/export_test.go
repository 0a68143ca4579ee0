package python

func init() { panicOnBug = true }
