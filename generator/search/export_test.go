package search

// ForgetStems empties the stem memo, so that a measurement of what the
// index holds counts the memo's words too.
func ForgetStems() {
	stems.mu.Lock()
	stems.m = map[string]stemmed{}
	stems.mu.Unlock()
}
