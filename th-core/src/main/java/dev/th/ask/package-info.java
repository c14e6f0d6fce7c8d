/**
 * Query building behind the public vocabulary of {@code dev.th}: not for users, who never name
 * these types (no public signature of {@code dev.th} hands one out; {@code PublicVocabularyTest}
 * fails the build when one does, or when {@code dev.th} gains a type outside its vocabulary).
 *
 * <p>What is here: the {@link dev.th.ask.Session} every object of one open {@code TH} shares (engine,
 * clock, default period) and the {@link dev.th.ask.Scope} of a question; the seeds' column lists
 * ({@link dev.th.ask.SeedColumns}) and the conditions every question shares
 * ({@link dev.th.ask.Conditions}); process lineage ({@link dev.th.ask.Lineage},
 * {@link dev.th.ask.LineageWalk}), the timetable and the machine profile behind
 * {@code get_info}/{@code get_os_info}, a machine's {@link dev.th.ask.Coverage} and why an
 * answer is empty ({@link dev.th.ask.Emptiness}); parsing of allowed values ({@link dev.th.ask.Allowed}) and
 * engine tables as DataFrames ({@link dev.th.ask.Frames}).
 *
 * <p>Why its members are public: Java has no "friend" packages, so what {@code dev.th} calls
 * here must be public. The reverse way is closed: what this package needs of {@code dev.th}'s
 * rows that a user must not reach (a row's session and stored text, a process's period, making a
 * process row or an answer) goes through one door, {@link dev.th.ask.Rows}, whose only
 * implementation {@code dev.th.Row} installs (a second install fails), so no member of
 * {@code dev.th} became public for this package.
 */
package dev.th.ask;
