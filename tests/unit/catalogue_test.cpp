// The error catalogue (CONVSHAPE_ERRC_CATALOGUE, core/error.hpp) is complete
// and consistent: its rows are the codes in order, names and compile errors
// are unique, and each code raises the compile_error function its row names.
// Every check runs in constant evaluation and again at run time.
#include <cstddef>
#include <cstdint>

#include "support.hpp"

using test::opaque;

namespace {

/// The catalogue as this test reads it, straight from the macro.
struct row {
  cs::errc code;
  const char* name;
  const char* compile_error_name;
  void (*compile_error)() noexcept;
};

#define CATALOGUE_ROW(code, compile_error_name) \
  {cs::errc::code, #code, #compile_error_name, &cs::compile_error::compile_error_name},
constexpr row rows[] = {CONVSHAPE_ERRC_CATALOGUE(CATALOGUE_ROW)};
#undef CATALOGUE_ROW

constexpr auto row_count = static_cast<std::int64_t>(sizeof rows / sizeof rows[0]);

constexpr const row& row_at(std::int64_t i) { return rows[static_cast<std::size_t>(i)]; }

constexpr cs::errc code_at(std::int64_t value) { return static_cast<cs::errc>(static_cast<unsigned char>(value)); }

/// The codes by value, as released: programs store and compare the values,
/// so a new code goes at the end, and none changes its place.
constexpr const char* released_codes[] = {
    "extent_below_one", "filters_below_one", "kernel_below_one", "stride_below_one", "dilation_below_one",
    "groups_below_one", "groups_do_not_divide_channels", "groups_do_not_divide_filters", "negative_pad",
    "pad_not_smaller_than_window", "causal_needs_1d_conv", "kernel_exceeds_padded_input", "empty_output",
    "output_padding_too_large", "overflow", "not_supported", "units_below_one", "scale_below_one", "shapes_differ",
    "wrong_rank", "capacity_exceeded", "no_solution", "no_such_layer"};

/// How many released codes have another name in the catalogue.
constexpr int renamed_codes(std::int64_t count) {
  int renamed = 0;
  for (std::int64_t i = 0; i < count; ++i) {
    renamed += !test::same_text(row_at(i).name, released_codes[static_cast<std::size_t>(i)]);
  }
  return renamed;
}

/// How many rows are not at their code's index: row i holds errc(i + 1),
/// since errc::none, which is no error, comes first and has no row.
constexpr int rows_out_of_place(std::int64_t count) {
  int wrong = 0;
  for (std::int64_t i = 0; i < count; ++i) wrong += static_cast<std::int64_t>(row_at(i).code) != i + 1;
  return wrong;
}

/// How many pairs of rows share a name or a compile-error name. Distinct
/// compile-error names are distinct functions; their addresses are not
/// compared, since g++ does not compare two functions' addresses in constant
/// evaluation when it builds with sanitizers.
constexpr int duplicates(std::int64_t count) {
  int found = 0;
  for (std::int64_t i = 0; i < count; ++i) {
    for (std::int64_t j = i + 1; j < count; ++j) {
      found += test::same_text(row_at(i).name, row_at(j).name);
      found += test::same_text(row_at(i).compile_error_name, row_at(j).compile_error_name);
    }
  }
  return found;
}

/// How many codes the library would fail with another function than their
/// row names (detail::compile_error_of is what raise calls).
constexpr int wrong_compile_errors(std::int64_t count) {
  int wrong = 0;
  for (std::int64_t i = 0; i < count; ++i) wrong += cs::detail::compile_error_of(row_at(i).code) != row_at(i).compile_error;
  return wrong;
}

/// A compile-error name reads as a sentence: lowercase words and digits
/// joined by '_', as the compilers print it.
constexpr bool reads_as_words(const char* name) {
  if (*name == '\0' || *name == '_') return false;
  char previous = '\0';
  for (; *name != '\0'; previous = *name++) {
    const bool letter = *name >= 'a' && *name <= 'z', digit = *name >= '0' && *name <= '9';
    if (!letter && !digit && *name != '_') return false;
    if (*name == '_' && previous == '_') return false;
  }
  return previous != '_';
}

constexpr int unreadable_compile_errors(std::int64_t count) {
  int found = 0;
  for (std::int64_t i = 0; i < count; ++i) found += !reads_as_words(row_at(i).compile_error_name);
  return found;
}

}  // namespace

TEST_CASE("the error catalogue has a row for every code but none, in the order of the codes", "[error][catalogue]") {
  CHECK_BOTH(rows_out_of_place(opaque(row_count)) == 0);
  // Every released code keeps its value and its name.
  STATIC_REQUIRE(row_count >= static_cast<std::int64_t>(sizeof released_codes / sizeof released_codes[0]));
  CHECK_BOTH(renamed_codes(opaque(static_cast<std::int64_t>(sizeof released_codes / sizeof released_codes[0]))) == 0);
  CHECK_BOTH(test::same_text(row_at(opaque(11)).compile_error_name, "effective_kernel_exceeds_padded_input"));
  CHECK_BOTH(row_at(opaque(11)).code == cs::errc::kernel_exceeds_padded_input);
}

TEST_CASE("the error catalogue's names and compile-error names are unique", "[error][catalogue]") {
  CHECK_BOTH(duplicates(opaque(row_count)) == 0);
  CHECK_BOTH(unreadable_compile_errors(opaque(row_count)) == 0);
}

TEST_CASE("each code raises the compile error its catalogue row names", "[error][catalogue]") {
  CHECK_BOTH(wrong_compile_errors(opaque(row_count)) == 0);
  CHECK_BOTH(cs::detail::compile_error_of(code_at(opaque(12))) == &cs::compile_error::effective_kernel_exceeds_padded_input);
  // none is no error, and a code past the catalogue, which only a cast makes, has no compile error.
  CHECK_BOTH(cs::detail::compile_error_of(code_at(opaque(0))) == nullptr);
  CHECK_BOTH(cs::detail::compile_error_of(code_at(opaque(row_count + 1))) == nullptr);
  CHECK_BOTH(cs::detail::compile_error_of(code_at(opaque(255))) == nullptr);
}
