cmake_minimum_required(VERSION 3.25)
# The layering rules of docs/architecture.md, checked by scanning #include
# lines (cmake -DROOT=<tree> -P include_rules.cmake; exit 1 on a violation):
# - harness/ is the library: it includes no header of reports/, devserver/
#   or cli/, and has no main();
# - reports/, devserver/, cli/, bench/ and fuzz/ include no private header of
#   harness/src (a quoted path that names a file under harness/src);
# - reports/ does not include the reference server's header, devserver/ not
#   the reports' one; only cli/ joins them.
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=<source tree> -P include_rules.cmake")
endif()

set(violations "")
macro(violation file line what)
  file(RELATIVE_PATH rel "${ROOT}" "${file}")
  string(APPEND violations "  ${rel}: ${line}: ${what}\n")
endmacro()

# The public headers of each layer, by include path ("errcontract/x.h").
function(public_headers layer out)
  file(GLOB headers RELATIVE "${ROOT}/${layer}/include" "${ROOT}/${layer}/include/errcontract/*.h")
  set(${out} "${headers}" PARENT_SCOPE)
endfunction()
public_headers(reports reports_public)
public_headers(devserver devserver_public)

function(scan_layer layer forbidden_public check_private)
  file(GLOB_RECURSE sources "${ROOT}/${layer}/*.cc" "${ROOT}/${layer}/*.h")
  foreach(source IN LISTS sources)
    file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[^\"]*\"([^\"]+)\".*$" "\\1" path "${line}")
      if(path IN_LIST forbidden_public)
        violation("${source}" "${line}" "${layer}/ may not include ${path}")
      elseif(check_private AND NOT path MATCHES "^errcontract/" AND EXISTS "${ROOT}/harness/src/${path}")
        get_filename_component(dir "${source}" DIRECTORY)
        if(NOT EXISTS "${dir}/${path}")  # a header of its own folder is its own
          violation("${source}" "${line}" "harness/src/${path} is private to the library")
        endif()
      endif()
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

scan_layer(harness "${reports_public};${devserver_public}" OFF)
scan_layer(reports "${devserver_public}" ON)
scan_layer(devserver "${reports_public}" ON)
scan_layer(cli "" ON)
scan_layer(fuzz "" ON)

# Quoted includes of the library may only name its own headers.
file(GLOB_RECURSE harness_sources "${ROOT}/harness/*.cc" "${ROOT}/harness/*.h")
foreach(source IN LISTS harness_sources)
  file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[^\"]*\"([^\"]+)\".*$" "\\1" path "${line}")
    if(NOT EXISTS "${ROOT}/harness/include/${path}" AND NOT EXISTS "${ROOT}/harness/src/${path}"
       AND NOT path MATCHES "^(generated|embedded)/")
      violation("${source}" "${line}" "not a header of the library")
    endif()
  endforeach()
  file(STRINGS "${source}" mains REGEX "^[ \t]*int[ \t]+main[ \t]*\\(")
  if(mains)
    violation("${source}" "${mains}" "main() belongs in cli/, not in the library")
  endif()
endforeach()

if(violations)
  message(FATAL_ERROR "include rules broken:\n${violations}")
endif()
message("include rules hold in ${ROOT}")
