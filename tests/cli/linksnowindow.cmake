# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DNM=<nm> -DBINARY=<chunkscope-cli> -P linksnowindow.cmake
# The CLI links the core and the charts only: no symbol of the widgets or the window may be in it.
# The heatmap's renderer must be, or the symbols read are not the ones we think.

set(required "chunkscope::ui::renderHeatmap")
set(forbidden
  "chunkscope::ui::MainWindow"
  "chunkscope::ui::WindowActions"
  "chunkscope::ui::ExperimentPanel"
  "chunkscope::ui::ExportDialog")

if(NOT BINARY OR NOT EXISTS "${BINARY}")
  message(FATAL_ERROR "no binary to check: BINARY='${BINARY}'")
endif()
if(NOT NM OR NOT EXISTS "${NM}")
  find_program(nm_on_path nm)
  if(NOT nm_on_path)
    message(FATAL_ERROR "nm not found (install binutils): cannot list the symbols of ${BINARY}")
  endif()
  set(NM "${nm_on_path}")
endif()

execute_process(COMMAND "${NM}" -C "${BINARY}"
                OUTPUT_VARIABLE symbols ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${NM} -C ${BINARY} failed (${status}): ${errors}")
endif()

string(FIND "${symbols}" "${required}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${required} is not in ${BINARY}: stripped, or not the CLI that renders heatmaps?")
endif()

set(found "")
foreach(name IN LISTS forbidden)
  string(FIND "${symbols}" "${name}" at)
  if(NOT at EQUAL -1)
    list(APPEND found "${name}")
  endif()
endforeach()
if(found)
  list(JOIN found ", " found)
  message(FATAL_ERROR "${BINARY} links the widgets or the window: it holds ${found}")
endif()
message(STATUS "${BINARY}: no symbol of the widgets or the window")
