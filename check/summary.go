package check

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/xxgk/xxgk/schema"
)

// Summary is the report of a check over many files, shaped after the
// Frictionless report: `xxgk check --json` prints it.
type Summary struct {
	// Valid is false exactly when a finding of severity error exists or a
	// file could not be read.
	Valid bool    `json:"valid"`
	Stats Stats   `json:"stats"`
	Tasks []*Task `json:"tasks"`
}

// Stats counts the files and the findings of a Summary by severity.
type Stats struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Notices  int `json:"notices"`
	// Unreadable counts inputs that could not be read.
	Unreadable int `json:"unreadable"`
	// Accepted counts findings hidden by a baseline.
	Accepted int `json:"accepted,omitempty"`
}

// NewSummary counts tasks; a task that could not be read (Err set) is
// marked invalid. Its Error, the message users read, is the caller's to
// set.
func NewSummary(tasks []*Task) *Summary {
	s := &Summary{Valid: true, Tasks: tasks}
	s.Stats.Files = len(tasks)
	for _, t := range tasks {
		if t.Err != nil {
			t.Valid = false
			s.Stats.Unreadable++
		}
		c := Count(t.Errors)
		s.Stats.Errors += c.Errors
		s.Stats.Warnings += c.Warnings
		s.Stats.Notices += c.Notices
		if !t.Valid {
			s.Valid = false
		}
	}
	return s
}

// AtLeast returns the findings of severity min or above, in order.
func AtLeast(fs []Finding, min schema.Severity) []Finding {
	var out []Finding
	for _, f := range fs {
		if SeverityRank(f.Severity) >= SeverityRank(min) {
			out = append(out, f)
		}
	}
	return out
}

// WriteJSON writes the summary as indented JSON. Valid and Stats count
// every finding (they decide the exit status); the tasks list only the
// findings of severity min or above.
func (s *Summary) WriteJSON(w io.Writer, min schema.Severity) error {
	out := *s
	if min != schema.Notice {
		out.Tasks = make([]*Task, len(s.Tasks))
		for i, t := range s.Tasks {
			c := *t
			c.Errors = AtLeast(t.Errors, min)
			if c.Errors == nil {
				c.Errors = []Finding{}
			}
			out.Tasks[i] = &c
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&out); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
