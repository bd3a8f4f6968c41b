"""A county's own repository: made (`init`), upgraded to a new program version (`upgrade`),
followed by the next campaign (`--from`), and the bundled campaign replayed as a county's history
(`demo`). The program is a package; a county's repository holds its records, the files the
program gives it (schemas, site, workflows) and the program version it uses, never program code.
"""
