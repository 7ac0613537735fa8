# layers.cmake: the rule of the layers, checked on every build
# (cmake -DROOT=<source dir> -P cmake/layers.cmake).
#
cmake_minimum_required(VERSION 3.20)

# Each folder below may include its own headers, those of the layers it
# builds on, and of the libraries outside the project only those named for
# it. A violation stops the build with one line per include that breaks the
# rule. The same order is what CMakeLists.txt links, so an include this
# check missed would still not find its header.

# The layers, lowest first, and what each builds on.
set(layers core store twilio lang domain agent google http cli)
set(dir_core lib/core)
set(dir_store lib/store)
set(dir_twilio lib/twilio)
set(dir_lang lib/lang)
set(dir_domain lib/domain)
set(dir_agent lib/agent)
set(dir_google lib/google)
set(dir_http app/http)
set(dir_cli app/cli)
set(uses_core "")
set(uses_store core)
set(uses_twilio core)
set(uses_lang core)
set(uses_domain core store twilio lang)
set(uses_agent core store twilio lang domain)
set(uses_google core store twilio lang domain agent)
set(uses_http core store twilio lang domain agent google)
set(uses_cli core store twilio lang domain agent google http)

# Headers of libraries outside the project that only some layers may
# include (the C library and POSIX are everyone's).
set(guarded sqlite3.h libpq-fe.h fcgiapp.h fcgi_stdio.h curl/ mxml.h libical/ openssl/ systemd/ cjson/)
set(ext_core openssl/ cjson/)
set(ext_store sqlite3.h libpq-fe.h)
set(ext_twilio curl/ mxml.h openssl/ cjson/)
set(ext_lang cjson/)
set(ext_domain curl/ libical/ mxml.h openssl/ cjson/)
set(ext_agent cjson/)
set(ext_google curl/ openssl/ cjson/)
set(ext_http fcgiapp.h systemd/ cjson/)
set(ext_cli curl/ openssl/ cjson/)

# Which layer holds each project header.
foreach(layer ${layers})
  file(GLOB hdrs "${ROOT}/${dir_${layer}}/*.h")
  foreach(h ${hdrs})
    get_filename_component(name ${h} NAME)
    set(owner_${name} ${layer})
  endforeach()
endforeach()

set(violations 0)
foreach(layer ${layers})
  file(GLOB files "${ROOT}/${dir_${layer}}/*.c" "${ROOT}/${dir_${layer}}/*.h")
  foreach(f ${files})
    file(RELATIVE_PATH rel ${ROOT} ${f})
    string(REPLACE ";" ", " uses "${uses_${layer}}")
    string(REPLACE ";" ", " ext "${ext_${layer}}")
    file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line ${lines})
      if(line MATCHES "include[ \t]*\"([^\"]+)\"")
        set(h ${CMAKE_MATCH_1})
        set(owner "${owner_${h}}")
        if(owner STREQUAL "")
          continue()  # generated or test-only; the compiler decides
        endif()
        if(NOT owner STREQUAL layer AND NOT owner IN_LIST uses_${layer})
          message(NOTICE "layer violation: ${rel} includes \"${h}\" of ${dir_${owner}}; ${dir_${layer}} builds on: ${uses}")
          math(EXPR violations "${violations} + 1")
        endif()
      elseif(line MATCHES "include[ \t]*<([^>]+)>")
        set(h ${CMAKE_MATCH_1})
        foreach(g ${guarded})
          string(FIND "${h}" "${g}" at)
          if(at EQUAL 0)
            if(NOT g IN_LIST ext_${layer})
              message(NOTICE "layer violation: ${rel} includes <${h}>; in ${dir_${layer}} only: ${ext}")
              math(EXPR violations "${violations} + 1")
            endif()
            break()
          endif()
        endforeach()
      endif()
    endforeach()
  endforeach()
endforeach()
if(violations GREATER 0)
  message(FATAL_ERROR "${violations} include(s) break the layers (cmake/layers.cmake)")
endif()
