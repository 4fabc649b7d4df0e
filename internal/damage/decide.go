package damage

import (
	"github.com/xxgk/xxgk/schema"
)

// rowState is one row's readings before and after its own arithmetic.
type rowState struct {
	view View
	rs   []reading // surviving readings
	// known: the row may take part in the joint 表三 search (readings not
	// capped, and some reading satisfies the row's own identities).
	known bool
}

// Decide runs the oracle over the views of a rendered truth: for every id of
// the truth, whether the layout and the arithmetic decide its value.
func Decide(t *Truth, views []View) map[string]Decision {
	f := t.Schema()
	ins := identities(f, t.Layout())
	rows := make([]*rowState, len(views))
	for i, v := range views {
		rows[i] = rowReadings(f, v, ins)
	}
	joint(rows, ins)
	out := map[string]Decision{}
	for _, id := range t.IDs() {
		out[id] = Decision{Decided: true} // not printed: blank
	}
	for _, st := range rows {
		for k, id := range st.view.Slots {
			if id != "" {
				out[id] = decideSlot(st.rs, k)
			}
		}
	}
	return out
}

// identities are the instances of the oracle's rules under the layout.
func identities(f *schema.Format, layout []string) []schema.Instance {
	var ins []schema.Instance
	for _, in := range f.Instances(layout) {
		if oracleRules[in.Rule] {
			ins = append(ins, in)
		}
	}
	return ins
}

func decideSlot(rs []reading, k int) Decision {
	if len(rs) == 0 {
		return Decision{}
	}
	for _, rd := range rs[1:] {
		if !sameValue(rd[k], rs[0][k]) {
			return Decision{}
		}
	}
	return Decision{Decided: true, Value: rs[0][k]}
}

// getter returns a lookup of a reading's values by id.
func getter(v View, rd reading) map[string]*float64 {
	m := make(map[string]*float64, len(v.Slots))
	for k, id := range v.Slots {
		if id != "" {
			m[id] = rd[k]
		}
	}
	return m
}

// holds evaluates an instance; a missing or unknown operand leaves it
// unevaluated (true). within reports whether every operand was found.
func holds(in schema.Instance, vals map[string]*float64) (ok, within bool) {
	within = true
	_, _, st := in.Eval(func(id string) (float64, bool) {
		v, found := vals[id]
		if !found {
			within = false
		}
		if v == nil {
			return 0, false
		}
		return *v, true
	})
	return st != schema.Unbalanced, within
}

// rowReadings enumerates a row and keeps the readings its own identities
// (row 总计, 表四 group totals) allow.
func rowReadings(f *schema.Format, v View, ins []schema.Instance) *rowState {
	all, over := Readings(f, v)
	if over {
		return &rowState{view: v}
	}
	var keep []reading
	for _, rd := range all {
		vals := getter(v, rd)
		good := true
		for _, in := range ins {
			if ok, within := holds(in, vals); within && !ok {
				good = false
				break
			}
		}
		if good {
			keep = append(keep, rd)
		}
	}
	if len(keep) == 0 {
		// The source's own arithmetic is broken: the layout alone decides.
		return &rowState{view: v, rs: all}
	}
	return &rowState{view: v, rs: keep, known: true}
}

// joint filters the ambiguous 表三 rows by the column identities (（七）总计,
// 一＋二＝（七）＋四), enumerating their combinations up to JointCap.
func joint(rows []*rowState, ins []schema.Instance) {
	fixed := map[string]*float64{}
	var amb []*rowState
	product := 1
	for _, st := range rows {
		switch {
		case st.view.Table != "t3" || !st.known:
		case len(st.rs) == 1:
			for id, v := range getter(st.view, st.rs[0]) {
				fixed[id] = v
			}
		default:
			amb = append(amb, st)
			product *= len(st.rs)
		}
		if product > JointCap {
			return
		}
	}
	if len(amb) == 0 {
		return
	}
	var cross []schema.Instance
	for _, in := range ins {
		if in.Rule == "t3.result_total" || in.Rule == "t3.balance" {
			cross = append(cross, in)
		}
	}
	surv := make([][]reading, len(amb))
	pick := make([]int, len(amb))
	var dfs func(k int)
	dfs = func(k int) {
		if k == len(amb) {
			if combo(amb, pick, fixed, cross) {
				for i, st := range amb {
					surv[i] = appendUnique(surv[i], st.rs[pick[i]])
				}
			}
			return
		}
		for i := range amb[k].rs {
			pick[k] = i
			dfs(k + 1)
		}
	}
	dfs(0)
	if len(surv[0]) == 0 {
		return // no consistent combination: keep each row's own readings
	}
	for i, st := range amb {
		st.rs = surv[i]
	}
}

// combo checks one combination of ambiguous rows against the column
// identities.
func combo(amb []*rowState, pick []int, fixed map[string]*float64, cross []schema.Instance) bool {
	vals := make(map[string]*float64, len(fixed)+8*len(amb))
	for id, v := range fixed {
		vals[id] = v
	}
	for i, st := range amb {
		for id, v := range getter(st.view, st.rs[pick[i]]) {
			vals[id] = v
		}
	}
	for _, in := range cross {
		if ok, _ := holds(in, vals); !ok {
			return false
		}
	}
	return true
}
