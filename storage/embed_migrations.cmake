# Writes OUTPUT, a C++ source holding every migration file in MIGRATIONS_DIR, so the binary
# carries its own schema and needs no files beside it at run time.
file(GLOB files "${MIGRATIONS_DIR}/*.sql")
list(SORT files)
set(entries "")
foreach(file IN LISTS files)
  get_filename_component(name "${file}" NAME_WE)
  string(REGEX MATCH "^[0-9]+" version "${name}")
  string(REGEX REPLACE "^0+([0-9])" "\\1" version "${version}")
  file(READ "${file}" sql)
  string(APPEND entries "    {${version}, \"${name}\", R\"frontdesk_sql(${sql})frontdesk_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from storage/migrations by storage/embed_migrations.cmake.
#include \"storage/migrations.hpp\"

namespace frontdesk::storage {

const std::vector<migration>& all_migrations() {
  static const std::vector<migration> list{
${entries}  };
  return list;
}

}  // namespace frontdesk::storage
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
