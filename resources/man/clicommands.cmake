# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DCLI=chunkscope-cli -DHEAD=chunkscope-cli.h2m -DOUT=file -P clicommands.cmake
# Writes help2man's include file for chunkscope-cli: HEAD, then a COMMANDS section with every
# subcommand's own --help, verbatim, so the man page says what the program says.
execute_process(COMMAND ${CLI} --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${CLI} --help failed (${rc})")
endif()
# The names listed under "Subcommands:", up to the next blank line.
string(REGEX REPLACE ".*\nSubcommands:" "" listed "${top}")
string(REGEX REPLACE "\n\n.*" "" listed "${listed}")
string(REGEX MATCHALL "\n  [a-z][a-z-]*" words "${listed}")
file(READ ${HEAD} text)
string(APPEND text "\n[commands]\n")
foreach(word IN LISTS words)
  string(STRIP "${word}" name)
  execute_process(COMMAND ${CLI} ${name} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CLI} ${name} --help failed (${rc})")
  endif()
  # roff: a backslash is \e; a line may not start with . or ' (a request).
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" help "\n${help}")
  string(APPEND text ".SS \"chunkscope-cli ${name}\"\n.nf\n.ft CR${help}.ft R\n.fi\n")
endforeach()
file(WRITE ${OUT} "${text}")
