package dom

// Queue is the work of a page's tool, done one piece at a time by the
// goroutine that calls Run: event listeners Post work and return at once,
// so they never race each other, and all the tool's state belongs to one
// goroutine. A piece that panics is reported to the page through onPanic,
// with the panic put into words, and the queue goes on with the next: what
// the reader typed is still in the page.
type Queue struct {
	work    chan func()
	onPanic func(what string)
}

// NewQueue makes a queue that holds up to size pieces of work before Post
// waits, and calls onPanic when one of them panics.
func NewQueue(size int, onPanic func(what string)) *Queue {
	return &Queue{work: make(chan func(), size), onPanic: onPanic}
}

// Post queues f. It waits only when the queue is full.
func (q *Queue) Post(f func()) { q.work <- f }

// Run does the queued work for ever, or until Close.
func (q *Queue) Run() {
	for f := range q.work {
		q.run(f)
	}
}

// Close ends Run once the work queued before it is done.
func (q *Queue) Close() { close(q.work) }

func (q *Queue) run(f func()) {
	defer func() {
		if r := recover(); r != nil {
			q.onPanic(Describe(r))
		}
	}()
	f()
}

// Describe puts a recovered panic into words, without fmt (which the
// WebAssembly modules leave out for size).
func Describe(r any) string {
	switch v := r.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "an unexpected failure"
}
