// Package workday counts working days on UK bank holiday calendars.
//
// A working day is Monday to Friday and not a holiday of the calendar, and
// Due(start, n) is the n-th working day strictly after start: the rule every
// stage deadline of a protocol is counted by.
//
// # Built-in calendars
//
// england-and-wales, scotland and northern-ireland hold every bank holiday
// the UK government has published for them in gov.uk/bank-holidays.json,
// one-off days included, kept as embedded data (data/<id>.txt) that is only
// ever added to. For years the data does not cover they follow the standing
// rules:
//
//   - New Year's Day, 1 January, and in Scotland 2 January;
//   - in Northern Ireland St Patrick's Day, 17 March, and the Battle of the
//     Boyne, 12 July;
//   - Good Friday, and Easter Monday except in Scotland (Easter by the
//     Gregorian computus);
//   - the first and the last Monday of May;
//   - the summer bank holiday: the first Monday of August in Scotland, the
//     last elsewhere;
//   - in Scotland St Andrew's Day, 30 November;
//   - Christmas Day and Boxing Day, 25 and 26 December.
//
// A dated holiday that falls on a Saturday or Sunday is replaced by a
// substitute day: the next weekday that is not already a holiday.
// Calendar.Published tells whether a date's year comes from the data or from
// the rules, so that readers can be told which dates are only expected.
//
// # Custom calendars
//
// A partnership whose working days differ from its nation's (Guernsey, say)
// defines its own calendar in the front matter of any _index.md, as data:
//
//	calendars:
//	  - id: guernsey                   # [a-z0-9-]+, not a built-in id
//	    name: Bailiwick of Guernsey    # shown to readers
//	    base: england-and-wales        # the built-in calendar it starts from
//	    add:                           # holidays the base does not have
//	      - {date: 2025-05-09, name: Liberation Day}
//	    remove:                        # holidays of the base it does not keep
//	      - {date: 2025-08-25, name: Summer bank holiday}
//
// Adding a date the base already has, or removing one it does not, is an
// error: either would mean the author has the date wrong. The name of a
// removed holiday is for people reading the file and is not checked.
//
// A Calendar is immutable once made and safe for concurrent use. Its
// methods do not use fmt, regexp or time zones, so that the package stays
// small and quick in the browser's WebAssembly module.
package workday
