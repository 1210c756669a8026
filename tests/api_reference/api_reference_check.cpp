// Checks that docs/reference.md documents the whole public API, each entry
// with an example that a ```cpp block compiles. Two steps:
//
//   api_reference_check list INCLUDE_DIR AST_JSON FORMATTERS_JSON MACROS > api.txt
//   api_reference_check check DOC api.txt HEADER...
//
// `list` reads clang's JSON AST dumps of a translation unit that includes
// every public header (-ast-dump-filter=convshape and =formatter) and its
// `-E -dD` output, and writes the public API, one name a line: what is
// declared in namespace convshape and its namespaces other than `detail`
// (every type, function, variable, alias and enum, and every public member
// of a public class or enum), the headers' macros, and the fmt::formatter
// specializations the headers declare.
//
// `check` requires each name in the first cell of a table row of DOC, in a
// column headed "Example" of which there is a code span naming it:
//   - a namespace-scope name in the section of the header that declares it
//     (a heading with a code span such as `<convshape/layers/conv.hpp>`);
//   - a member or enumerator in the section of its class or enum (a heading
//     whose code span starts with its name, such as `conv_params<N>`);
//   - a formatter's type in the section headed `fmt::formatter<T>`;
//   - a namespace's name, or a name from an internal header, anywhere.
// Every public header (HEADER..., relative to the include directory) needs
// a section, and every code span of an Example cell must appear in a ```cpp
// block, which the docs test compiles. It prints what is missing and exits
// 1 if anything is.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---------------------------------------------------------------------------
// clang's JSON AST dump, reduced to the declarations' kinds, names and the
// file each is declared in.

struct node {
  std::string kind, name, tag, access, qual_type, file;
  bool implicit = false;
  std::vector<node> inner;
};

/// Nodes whose children matter: namespaces, classes, enums, templates.
bool keeps_children(const std::string& kind) {
  static const std::set<std::string> kinds{
      "NamespaceDecl",        "CXXRecordDecl",   "ClassTemplateDecl", "ClassTemplateSpecializationDecl",
      "ClassTemplatePartialSpecializationDecl", "EnumDecl", "FriendDecl", "FunctionTemplateDecl",
      "TemplateArgument"};
  return kinds.count(kind) != 0;
}

/// Reads the concatenated JSON objects clang writes, through nlohmann/json's
/// SAX parser. clang writes a location's "file" only when it changes, so the
/// reader follows the current file through every location in the order they
/// come, those inside values it does not keep too; a file under
/// "includedFrom" is where a header was included, not a declaration's.
class ast_reader : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::vector<node> read_all(std::istream& in) {
    // Not strict: each parse stops at the end of its object, where the next begins.
    for (in >> std::ws; in.peek() != std::char_traits<char>::eof(); in >> std::ws)
      nlohmann::json::sax_parse(in, this, nlohmann::json::input_format_t::json, /*strict=*/false);
    return std::move(top_);
  }

  bool null() override { return true; }
  bool boolean(bool value) override {
    if (frames_.empty()) return true;
    if (frame& f = frames_.back(); f.target && f.key == "isImplicit") f.target->implicit = value;
    return true;
  }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool string(string_t& value) override {
    if (frames_.empty()) return true;
    frame& f = frames_.back();
    if (f.key == "file" && !f.included_from) file_ = value;
    if (f.type_of && f.key == "qualType") f.type_of->qual_type = value;
    if (!f.target) return true;
    if (f.key == "kind") f.target->kind = value;
    else if (f.key == "name") f.target->name = value;
    else if (f.key == "tagUsed") f.target->tag = value;
    else if (f.key == "access") f.target->access = value;
    else if (f.key == "qualType") f.target->qual_type = value;
    return true;
  }
  bool key(string_t& name) override {
    frames_.back().key = name;
    return true;
  }
  bool start_object(std::size_t) override {
    frame next;
    if (frames_.empty()) {
      next.target = &top_.emplace_back();
    } else {
      const frame& parent = frames_.back();
      next.included_from = parent.included_from || parent.key == "includedFrom";
      if (parent.children) next.target = &parent.children->emplace_back();
      else if (parent.target && parent.key == "type") next.type_of = parent.target;
      else if (parent.target && parent.key == "loc") next.located = parent.target;
    }
    frames_.push_back(next);
    return true;
  }
  bool end_object() override {
    if (frames_.back().located) frames_.back().located->file = file_;
    frames_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    frame next;
    if (!frames_.empty()) {
      const frame& parent = frames_.back();
      next.included_from = parent.included_from;
      if (parent.target && parent.key == "inner" && keeps_children(parent.target->kind))
        next.children = &parent.target->inner;
    }
    frames_.push_back(next);
    return true;
  }
  bool end_array() override {
    frames_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    throw std::runtime_error("AST dump at byte " + std::to_string(position) + ": " + e.what());
  }

 private:
  /// An object or array being read, and what its values go to.
  struct frame {
    std::string key;                    ///< the key of the value being read (objects)
    node* target = nullptr;             ///< the declaration this object is
    node* type_of = nullptr;            ///< the declaration whose "type" this object is
    node* located = nullptr;            ///< the declaration whose "loc" this object is
    std::vector<node>* children = nullptr;  ///< an "inner" array whose objects are kept
    bool included_from = false;
  };
  std::vector<frame> frames_;
  std::vector<node> top_;
  std::string file_;
};

std::vector<node> read_ast(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return ast_reader().read_all(in);
}

// ---------------------------------------------------------------------------
// The public API.

/// `path` without `.` and `dir/..` segments: clang names a header by the
/// path it was first included through, such as `convshape/detail/../shape.hpp`.
std::string lexically_normal(const std::string& path) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(path);
  while (std::getline(in, part, '/')) {
    if (part == ".") continue;
    if (part == ".." && !parts.empty() && !parts.back().empty() && parts.back() != "..") {
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : "/") + parts[i];
  return out;
}

/// A header's path relative to the include directory.
std::string relative_header(const std::string& file, const std::string& include_dir) {
  const std::string normal = lexically_normal(file);
  return normal.rfind(include_dir + "/", 0) == 0 ? normal.substr(include_dir.size() + 1) : normal;
}

struct entry {
  std::string owner;  ///< the class or enum a member belongs to; empty at namespace scope
  std::string name;
  std::string header;  ///< where a namespace-scope name is declared, relative to the include directory
  std::string scope;   ///< the namespace, for messages: "reference" for reference::conv
  std::string display() const {
    if (owner == "fmt::formatter") return owner + "<" + name + ">";
    if (!owner.empty()) return owner + "::" + name;
    return scope.empty() ? name : scope + "::" + name;
  }
};

/// Whether a function template is the out-of-line definition of a member.
bool defines_a_member(const node& function_template) {
  for (const node& d : function_template.inner)
    if (d.kind == "CXXMethodDecl" || d.kind == "CXXConstructorDecl") return true;
  return false;
}

class api_lister {
 public:
  api_lister(const std::string& include_dir, std::vector<entry>& out)
      : include_dir_(lexically_normal(include_dir)), out_(out) {}

  void namespace_members(const node& ns, const std::string& prefix) {
    for (const node& d : ns.inner) {
      if (d.implicit || d.name.empty()) continue;
      const std::string qualified = prefix.empty() ? d.name : prefix + "::" + d.name;
      if (d.kind == "NamespaceDecl") {
        if (d.name == "detail") continue;
        add("", d.name, "", prefix);  // reopened in several headers: a row anywhere
        namespace_members(d, qualified);
        continue;
      }
      // Out-of-line definitions of members are the class's, not new names.
      if (d.kind == "CXXMethodDecl" || d.kind == "CXXConstructorDecl") continue;
      if (d.kind == "FunctionTemplateDecl" && defines_a_member(d)) continue;
      if (d.kind == "StaticAssertDecl" || d.kind == "UsingDirectiveDecl") continue;
      add("", d.name, d.file, prefix);
      if (d.kind == "CXXRecordDecl") class_members(d, qualified);
      if (d.kind == "ClassTemplateDecl") {
        for (const node& r : d.inner)
          if (r.kind == "CXXRecordDecl") class_members(r, qualified);
      }
      if (d.kind == "EnumDecl") {
        for (const node& e : d.inner)
          if (e.kind == "EnumConstantDecl") add(qualified, e.name, d.file);
      }
    }
  }

  /// The fmt::formatter specializations that the headers declare: X, by
  /// the first template argument (written `per_dim<N>` in a partial
  /// specialization, `convshape::layout` in a full one).
  void formatters(const std::vector<node>& top) {
    for (const node& d : top) {
      if (d.name != "formatter" || d.implicit || lexically_normal(d.file).rfind(include_dir_ + "/", 0) != 0 ||
          (d.kind != "ClassTemplateSpecializationDecl" && d.kind != "ClassTemplatePartialSpecializationDecl"))
        continue;
      for (const node& a : d.inner) {
        if (a.kind != "TemplateArgument") continue;
        std::string type = a.qual_type;
        if (type.rfind("convshape::", 0) == 0) type = type.substr(11);
        add("fmt::formatter", type.substr(0, type.find('<')), d.file);
        break;
      }
    }
  }

 private:
  std::string include_dir_;
  std::vector<entry>& out_;

  void add(const std::string& owner, const std::string& name, const std::string& file,
           const std::string& scope = "") {
    out_.push_back({owner, name, file.empty() ? "" : relative_header(file, include_dir_), scope});
  }

  void class_members(const node& record, const std::string& qualified) {
    std::string access = record.tag == "class" ? "private" : "public";
    const std::string class_name = qualified.substr(qualified.rfind(':') + 1);  // npos + 1 is 0
    for (const node& m : record.inner) {
      if (m.kind == "AccessSpecDecl") {
        access = m.access;
        continue;
      }
      if (access != "public") continue;
      if (m.kind == "IndirectFieldDecl") {  // a member of an anonymous union
        add(qualified, m.name, record.file);
        continue;
      }
      if (m.implicit) continue;
      if (m.kind == "FriendDecl") {  // hidden friends: the operators
        for (const node& f : m.inner)
          if (f.kind == "FunctionDecl" && f.name.rfind("operator", 0) == 0) add(qualified, f.name, record.file);
        continue;
      }
      // Constructors ("layer<N>" in a template), destructors, inherited
      // constructors and anonymous members are documented in prose, not by name.
      const bool constructor = m.name == class_name || m.name.rfind(class_name + "<", 0) == 0;
      if (m.name.empty() || constructor || m.name[0] == '~' || m.name.find("::") != std::string::npos ||
          m.kind == "StaticAssertDecl")
        continue;
      add(qualified, m.name, record.file);
    }
  }
};

/// Macros that the public headers define and do not undefine, from `-E -dD`
/// output, whose line markers tell which file each #define is in.
void list_macros(const std::string& text, const std::string& include_dir, std::vector<entry>& out) {
  std::map<std::string, std::string> defined;  // name -> header
  std::istringstream lines(text);
  std::string line, file;
  while (std::getline(lines, line)) {
    if (line.rfind("# ", 0) == 0) {
      const auto open = line.find('"'), close = line.rfind('"');
      if (open != std::string::npos && close > open) file = line.substr(open + 1, close - open - 1);
      continue;
    }
    const bool define = line.rfind("#define ", 0) == 0, undef = line.rfind("#undef ", 0) == 0;
    if (!define && !undef) continue;
    std::string name = line.substr(define ? 8 : 7);
    name = name.substr(0, name.find_first_of(" (\t"));
    if (undef) {
      defined.erase(name);
    } else if (lexically_normal(file).rfind(include_dir + "/", 0) == 0) {
      defined[name] = relative_header(file, include_dir);
    }
  }
  for (const auto& [name, header] : defined) out.push_back({"", name, header, ""});
}

// ---------------------------------------------------------------------------
// The document.

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// Whether `name` occurs in `text` with no identifier character around it
/// (an operator's name needs the boundary only before).
bool mentions(std::string_view text, std::string_view name) {
  const bool is_operator = name.rfind("operator", 0) == 0;
  for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    const bool before = at == 0 || !is_word_char(text[at - 1]);
    const std::size_t end = at + name.size();
    const bool after = is_operator || end == text.size() || !is_word_char(text[end]);
    if (before && after) return true;
  }
  return false;
}

/// The code spans of a line of markdown: `x`, ``x``.
std::vector<std::string> code_spans(std::string_view line) {
  std::vector<std::string> spans;
  std::size_t i = 0;
  while ((i = line.find('`', i)) != std::string_view::npos) {
    std::size_t run = line.find_first_not_of('`', i);
    if (run == std::string_view::npos) break;
    const std::string_view ticks = line.substr(i, run - i);
    const std::size_t close = line.find(ticks, run);
    if (close == std::string_view::npos) break;
    std::string span(line.substr(run, close - run));
    if (span.size() >= 2 && span.front() == ' ' && span.back() == ' ') span = span.substr(1, span.size() - 2);
    spans.push_back(span);
    i = close + ticks.size();
  }
  return spans;
}

std::string squeeze_space(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

struct heading {
  std::size_t line, level;
  std::vector<std::string> spans;
};

struct table_row {
  std::size_t line;
  std::vector<std::string> entry_spans;    ///< of the first cell
  std::vector<std::string> example_spans;  ///< of the Example cell
};

struct document {
  std::vector<heading> headings;
  std::vector<table_row> rows;
  std::string cpp_code;  ///< every ```cpp block, space squeezed
  std::size_t cpp_blocks = 0;
  std::size_t lines = 0;
};

/// The cells of a table line, split on unescaped '|', "\|" unescaped.
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (line[i] == '|') {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  if (!squeeze_space(cell).empty()) out.push_back(cell);
  return out;
}

document read_document(const std::string& text) {
  document doc;
  std::istringstream in(text);
  std::string line;
  bool in_fence = false, in_cpp = false;
  std::string block;
  int example_column = -1;  // of the table being read; -1 outside tables or without one
  bool table_header = false;
  while (std::getline(in, line)) {
    const std::size_t number = ++doc.lines;
    const std::string trimmed = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (trimmed.rfind("```", 0) == 0) {
      if (in_fence && in_cpp) {
        doc.cpp_code += squeeze_space(block) + "\n";
        ++doc.cpp_blocks;
      }
      in_cpp = !in_fence && trimmed.substr(3) == "cpp";
      in_fence = !in_fence;
      block.clear();
      continue;
    }
    if (in_fence) {
      block += line + "\n";
      continue;
    }
    if (line.rfind("#", 0) == 0) {
      const std::size_t level = line.find_first_not_of('#');
      if (level != std::string::npos && line[level] == ' ') doc.headings.push_back({number, level, code_spans(line)});
    }
    if (line.rfind("|", 0) != 0) {
      example_column = -1;
      table_header = false;
      continue;
    }
    const auto row = cells(line);
    if (!table_header) {  // the header row: find the Example column
      table_header = true;
      example_column = -1;
      for (std::size_t c = 0; c < row.size(); ++c)
        if (squeeze_space(row[c]) == "Example") example_column = static_cast<int>(c);
      continue;
    }
    if (line.find("---") != std::string::npos && code_spans(line).empty()) continue;  // the delimiter row
    table_row r{number, row.empty() ? std::vector<std::string>{} : code_spans(row[0]), {}};
    if (example_column >= 0 && static_cast<std::size_t>(example_column) < row.size())
      r.example_spans = code_spans(row[static_cast<std::size_t>(example_column)]);
    if (example_column >= 0) doc.rows.push_back(std::move(r));
  }
  return doc;
}

/// A heading's names: the qualified name that starts each code span,
/// without `cs::`, `convshape::` or template arguments; `<...>` paths as is.
std::vector<std::string> heading_names(const heading& h) {
  std::vector<std::string> names;
  for (std::string span : h.spans) {
    if (span.rfind("#include ", 0) == 0) span = span.substr(9);
    if (!span.empty() && span.front() == '<' && span.back() == '>') {
      names.push_back(span.substr(1, span.size() - 2));
      continue;
    }
    for (const char* prefix : {"cs::", "convshape::"})
      if (span.rfind(prefix, 0) == 0) span = span.substr(std::string_view(prefix).size());
    std::size_t end = 0;
    while (end < span.size() && (is_word_char(span[end]) || span.compare(end, 2, "::") == 0))
      end += span.compare(end, 2, "::") == 0 ? 2 : 1;
    names.push_back(span.substr(0, end));
  }
  return names;
}

/// The lines [begin, end) of every section whose heading names `name`.
std::vector<std::pair<std::size_t, std::size_t>> sections(const document& doc, const std::string& name) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < doc.headings.size(); ++i) {
    const auto names = heading_names(doc.headings[i]);
    bool named = false;
    for (const auto& n : names) named = named || n == name;
    if (!named) continue;
    std::size_t end = doc.lines + 1;
    for (std::size_t j = i + 1; j < doc.headings.size(); ++j) {
      if (doc.headings[j].level <= doc.headings[i].level) {
        end = doc.headings[j].line;
        break;
      }
    }
    out.push_back({doc.headings[i].line, end});
  }
  return out;
}

bool any_mentions(const std::vector<std::string>& spans, const std::string& name) {
  for (const auto& s : spans)
    if (mentions(s, name)) return true;
  return false;
}

/// The API as `list` writes it: owner, name, header and scope, tab-separated.
std::vector<entry> read_api(const std::string& path) {
  std::vector<entry> api;
  std::istringstream lines(read_file(path));
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> fields{""};
    for (char c : line) {
      if (c == '\t') fields.emplace_back();
      else fields.back() += c;
    }
    if (fields.size() != 4) throw std::runtime_error(path + ": not a list of names: " + line);
    api.push_back({fields[0], fields[1], fields[2], fields[3]});
  }
  return api;
}

int list(const std::string& include_dir, const std::string& ast, const std::string& formatters,
         const std::string& macros) {
  std::vector<entry> api;
  api_lister lister(include_dir, api);
  for (const node& top : read_ast(ast))
    if (top.kind == "NamespaceDecl" && top.name == "convshape") lister.namespace_members(top, "");
  lister.formatters(read_ast(formatters));
  list_macros(read_file(macros), lexically_normal(include_dir), api);
  if (api.empty()) throw std::runtime_error(ast + " declares nothing in namespace convshape");
  for (const entry& e : api) std::cout << e.owner << '\t' << e.name << '\t' << e.header << '\t' << e.scope << '\n';
  return 0;
}

int check(const std::string& doc_path, const std::vector<entry>& api, const std::vector<std::string>& headers) {
  const document doc = read_document(read_file(doc_path));
  std::size_t missing = 0;
  // Streamed piece by piece: g++ 12 at -O3 warns (-Wrestrict) on
  // std::string's operator+ with a literal on the left.
  const auto report = [&](const auto&... what) {
    std::cout << "missing from " << doc_path << ": ";
    (std::cout << ... << what) << "\n";
    ++missing;
  };

  for (const std::string& header : headers)
    if (sections(doc, header).empty()) report("a section headed `<", header, ">`");

  // Every name: a row with an example in its section.
  std::set<std::string> seen;
  std::size_t checked = 0;
  for (const entry& e : api) {
    const std::string where = e.owner.empty() ? e.header : e.owner;  // the section it belongs in
    if (!seen.insert(where + " " + e.name).second) continue;          // overloads and reopened namespaces
    ++checked;
    const bool anywhere = e.owner.empty() && (e.header.empty() || e.header.find("detail/") != std::string::npos);
    const auto ranges = anywhere ? std::vector<std::pair<std::size_t, std::size_t>>{{0, doc.lines + 1}}
                                 : sections(doc, where);
    const bool operator_name = e.name.rfind("operator", 0) == 0;
    bool documented = false;
    for (const table_row& r : doc.rows) {
      bool inside = false;
      for (const auto& [begin, end] : ranges) inside = inside || (r.line >= begin && r.line < end);
      documented = documented || (inside && any_mentions(r.entry_spans, e.name) && !r.example_spans.empty() &&
                                  (operator_name || any_mentions(r.example_spans, e.name)));
    }
    if (!documented) {
      const std::string_view kind = !e.owner.empty() ? "a member" : e.header.empty() ? "a namespace" : "declared in ";
      report("`", e.display(), "` (", kind, e.owner.empty() ? e.header : "",
             "): no table row in the section of `", where, "` names it with an example that uses it");
    }
  }

  // Every example is compiled.
  std::size_t examples = 0;
  for (const table_row& r : doc.rows) {
    for (const std::string& span : r.example_spans) {
      ++examples;
      if (doc.cpp_code.find(squeeze_space(span)) == std::string::npos)
        report("line ", r.line, ": the example `", span, "` in no ```cpp block");
    }
  }

  std::cout << checked << " public names, " << examples << " examples in " << doc.rows.size() << " table rows, "
            << doc.cpp_blocks << " ```cpp blocks; " << missing << " missing\n";
  return missing == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) try {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 5 && args[0] == "list") return list(args[1], args[2], args[3], args[4]);
  if (args.size() >= 3 && args[0] == "check")
    return check(args[1], read_api(args[2]), std::vector<std::string>(args.begin() + 3, args.end()));
  std::cerr << "usage: api_reference_check list INCLUDE_DIR AST_JSON FORMATTERS_JSON MACROS\n"
               "       api_reference_check check DOC API_LIST HEADER...\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "api_reference_check: " << e.what() << "\n";
  return 2;
}
