# Writes OUTPUT, a C++ source defining `std::string_view NAMESPACE::FUNCTION()` that returns the
# text of INPUT, so the binary needs no data files beside it.
file(READ "${INPUT}" text)
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT_NAME} by cmake/embed_text.cmake.
#include <string_view>

namespace ${NAMESPACE} {

std::string_view ${FUNCTION}() {
  return R\"frontdesk_text(${text})frontdesk_text\";
}

}  // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
