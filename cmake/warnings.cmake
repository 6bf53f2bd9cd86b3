# Warning and sanitizer flags, applied per target (never globally, so a
# parent project's targets keep their own flags).
#
# SHENPI_SANITIZE: empty/OFF, "address;undefined" (or either alone), or
# "thread". ThreadSanitizer cannot be combined with AddressSanitizer.
set(_shenpi_sanitizers "")
if(SHENPI_SANITIZE AND NOT SHENPI_SANITIZE STREQUAL "ON")
  set(_shenpi_sanitizers ${SHENPI_SANITIZE})
elseif(SHENPI_SANITIZE)
  set(_shenpi_sanitizers address undefined)  # SHENPI_SANITIZE=ON, as before
endif()
foreach(s IN LISTS _shenpi_sanitizers)
  if(NOT s MATCHES "^(address|undefined|thread)$")
    message(FATAL_ERROR "SHENPI_SANITIZE: '${s}' is not address, undefined or thread")
  endif()
endforeach()
if("thread" IN_LIST _shenpi_sanitizers AND "address" IN_LIST _shenpi_sanitizers)
  message(FATAL_ERROR "SHENPI_SANITIZE: thread cannot be combined with address")
endif()
list(JOIN _shenpi_sanitizers "," SHENPI_SANITIZE_FLAGS)

function(shenpi_target_flags target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
  if(SHENPI_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SHENPI_SANITIZE_FLAGS)
    # Undefined behaviour stops the test instead of printing and going on.
    target_compile_options(${target} PRIVATE -fsanitize=${SHENPI_SANITIZE_FLAGS}
                           -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${SHENPI_SANITIZE_FLAGS})
  endif()
endfunction()
