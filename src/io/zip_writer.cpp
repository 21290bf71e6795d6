#include "io/zip_writer.hpp"

#include <zip.h>

#include <memory>
#include <stdexcept>
#include <string_view>

namespace kk::io {
namespace {

[[noreturn]] void fail(std::string_view what, zip_error_t* error) {
  throw std::runtime_error("zip: " + std::string(what) + ": " + zip_error_strerror(error));
}

void add_part(zip_t* archive, const ZipPart& part) {
  // zip_source_buffer does not copy: libzip reads part.content only in zip_close.
  zip_source_t* source = zip_source_buffer(archive, part.content.data(), part.content.size(), 0);
  if (source == nullptr || zip_file_add(archive, part.name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
    if (source != nullptr) zip_source_free(source);
    fail("adding " + part.name, zip_get_error(archive));
  }
}

std::string read_source(zip_source_t* source) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(source, &stat) < 0 || zip_source_open(source) < 0)
    fail("reading the archive", zip_source_error(source));
  std::string bytes(stat.size, '\0');
  const zip_int64_t read = zip_source_read(source, bytes.data(), bytes.size());
  zip_source_close(source);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) fail("reading the archive", zip_source_error(source));
  return bytes;
}

}  // namespace

std::string zip_in_memory(const std::vector<ZipPart>& parts) {
  // `parts` outlives zip_close, which is when libzip reads them (see add_part).
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) fail("creating the buffer", &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    fail("opening the archive", &error);
  }
  zip_error_fini(&error);
  // The archive frees its source when closed; one more reference keeps the written bytes
  // readable afterwards. Both are released by these owners, whatever happens.
  zip_source_keep(buffer);
  const std::unique_ptr<zip_source_t, decltype(&zip_source_free)> buffer_owner(buffer, zip_source_free);
  std::unique_ptr<zip_t, decltype(&zip_discard)> archive_owner(archive, zip_discard);

  for (const ZipPart& part : parts) add_part(archive, part);
  if (zip_close(archive) < 0) fail("writing the archive", zip_get_error(archive));
  archive_owner.release();  // zip_close freed it
  return read_source(buffer);
}


}  // namespace kk::io
