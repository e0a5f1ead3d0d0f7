package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"rightsguide/generator/problem"
)

// The events the pages' live-reload script (client/reload.js) follows.
const (
	evHello    = "hello"    // on connecting: the build it is served, to catch up after a restart
	evReload   = "reload"   // pages changed: {"files": [...], "all": bool}
	evCSS      = "css"      // only stylesheets changed: [{"from": old name, "to": new name}]
	evProblems = "problems" // the last edit broke the build: [Problem...]
	evOK       = "ok"       // the problems are fixed
)

// event is one Server-Sent Event.
type event struct {
	name string
	data []byte // JSON, on one line
}

// Problem is a build problem as the overlay shows it.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	Text    string `json:"text"` // the terminal's line: file:line:col: message (hint)
}

// problemsOf turns a failed build's error into the overlay's list; an error
// that is no problem with the input (a failed read) becomes one line too.
func problemsOf(err error) []Problem {
	probs := problem.All(err)
	if len(probs) == 0 {
		return []Problem{{Message: err.Error(), Text: err.Error()}}
	}
	out := make([]Problem, len(probs))
	for i, p := range probs {
		out[i] = Problem{File: p.Pos.Path(), Line: p.Pos.Line, Col: p.Pos.Col, Code: p.Code, Message: p.Msg, Hint: p.Hint, Text: p.Error()}
	}
	return out
}

// broker sends events to every connected page, and remembers the current
// problems and build so that a page that connects later is told at once.
type broker struct {
	mu       sync.Mutex
	clients  map[chan event]struct{}
	problems []Problem // nil when the last build succeeded
	version  int       // counts successful builds
}

func newBroker() *broker { return &broker{clients: map[chan event]struct{}{}} }

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return b
}

// publish sends e to every page. A page that does not keep up misses it:
// the server never waits for a browser.
func (b *broker) publish(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- e:
		default:
		}
	}
}

// built records a successful build and tells the pages what changed:
// events makes the events for the build's version.
func (b *broker) built(events func(version int) []event) {
	b.mu.Lock()
	b.version++
	v := b.version
	fixed := b.problems != nil
	b.problems = nil
	b.mu.Unlock()
	if fixed {
		b.publish(event{name: evOK, data: []byte("{}")})
	}
	for _, e := range events(v) {
		b.publish(e)
	}
}

// failed records the problems of a failed build and shows them.
func (b *broker) failed(probs []Problem) {
	b.mu.Lock()
	b.problems = probs
	b.mu.Unlock()
	b.publish(event{name: evProblems, data: mustJSON(probs)})
}

// Problems returns the current problems, nil when the last build succeeded.
func (b *broker) Problems() []Problem {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.problems
}

// subscribe registers a page, whose first events say which build it sees
// and, when the last edit failed, the problems.
func (b *broker) subscribe() chan event {
	c := make(chan event, 16)
	b.mu.Lock()
	defer b.mu.Unlock()
	c <- event{name: evHello, data: mustJSON(map[string]int{"version": b.version})}
	if b.problems != nil {
		c <- event{name: evProblems, data: mustJSON(b.problems)}
	}
	b.clients[c] = struct{}{}
	return c
}

func (b *broker) unsubscribe(c chan event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.clients, c)
}

// ServeHTTP streams events to one page until it goes away or the server
// stops (the request's context ends with the server's).
func (b *broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	c := b.subscribe()
	defer b.unsubscribe(c)
	fmt.Fprint(w, "retry: 500\n\n") // reconnect quickly after a restart
	flusher.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		}
		flusher.Flush()
	}
}
