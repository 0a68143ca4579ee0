package strval

// Bounds of the evaluators that build Values (Go, Python, JavaScript, Java), so that a file
// built to explode (constants doubling, name chains, deep nesting) costs bounded work: past any
// of them the rest of the value is a hole.
const (
	// MaxDepth bounds the nesting of one evaluation: names followed, operands inside operands.
	MaxDepth = 16
	// MaxLookups bounds the names one evaluation (or one file, where an analyzer counts so)
	// follows in all.
	MaxLookups = 1024
	// MaxText bounds the length of a value.
	MaxText = 64 << 10
)
