"""The leak check: read the written output again, as a file, and fail on any input value.

Files are checked independently of the masker: each output is read with the readers
`mamoru scan` uses (`scanner.sources.readers`), plus every text and telling attribute of
every XML part of an Office package (comments, properties, link targets, sheet names,
text boxes, tracked changes...), every header of every part of an e-mail and its
attachments' file names, JSON keys, and the names of a tree's files and folders, by
content, without column plans. A finding of a masked type at or above the threshold, or
a number whose check digit passes (My Number, corporate number, card) at any score and
in any shape (full-width, digit by digit), is a leak when its value stood at the same
place in the input, or is one of the run's input values (keyed digests of every checked
number in the inputs and of every value the masker replaced) that the run did not write,
and the policy does not keep it.
Surrogates are redrawn when they would be an input value already seen, and a surrogate
found where the input did not hold it never counts, whatever its shape; a unit that is
exactly a surrogate is not analyzed again.

`mask-db` reads its copies back in `scanner.masking.database.leak`, with
`findings.checked_numbers` from here. Modules: `reading` (outputs read as the scan reads
them), `findings` (by content), `check` (what is a leak).
Leaks are reported by location and masked preview, never by value.
"""
