package search

// Limits the tests of the files' structure check.
const (
	ShardLimit = shardLimit
	MaxKey     = maxKey
)
