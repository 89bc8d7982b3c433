#include "domain/phonetic.hpp"

#include <array>
#include <cctype>
#include <initializer_list>
#include <utility>

namespace frontdesk::domain {

std::string without_accents(std::string_view text) {
  // Two-byte UTF-8 letters of Latin-1 and Latin Extended-A, by their plain letter.
  static const std::array<std::pair<std::string_view, char>, 58> letters{
      {{"à", 'a'}, {"á", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ä", 'a'}, {"å", 'a'}, {"ą", 'a'},
       {"ă", 'a'}, {"ā", 'a'}, {"ç", 'c'}, {"ć", 'c'}, {"č", 'c'}, {"đ", 'd'}, {"ď", 'd'},
       {"è", 'e'}, {"é", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"ę", 'e'}, {"ě", 'e'}, {"ē", 'e'},
       {"ì", 'i'}, {"í", 'i'}, {"î", 'i'}, {"ï", 'i'}, {"ī", 'i'}, {"ł", 'l'}, {"ñ", 'n'},
       {"ń", 'n'}, {"ň", 'n'}, {"ò", 'o'}, {"ó", 'o'}, {"ô", 'o'}, {"õ", 'o'}, {"ö", 'o'},
       {"ø", 'o'}, {"ơ", 'o'}, {"ř", 'r'}, {"ś", 's'}, {"š", 's'}, {"ş", 's'}, {"ß", 's'},
       {"ť", 't'}, {"ù", 'u'}, {"ú", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"ư", 'u'}, {"ů", 'u'},
       {"ý", 'y'}, {"ÿ", 'y'}, {"ź", 'z'}, {"ż", 'z'}, {"ž", 'z'}, {"Ł", 'l'}, {"Ś", 's'},
       {"Ż", 'z'}, {"Ó", 'o'}}};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(std::tolower(c));
      continue;
    }
    bool found = false;
    for (const auto& [accented, plain] : letters)
      if (text.substr(i, accented.size()) == accented) {
        out += plain;
        i += accented.size() - 1;
        found = true;
        break;
      }
    if (!found) out += text[i];
  }
  return out;
}

namespace {

// The word in upper case, letters only, and the rules of Double Metaphone over it.
class metaphone {
 public:
  explicit metaphone(std::string_view word) {
    for (char c : without_accents(word))
      if (std::isalpha(static_cast<unsigned char>(c)))
        w_ += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    last_ = static_cast<int>(w_.size()) - 1;
    slavo_germanic_ = has("W") || has("K") || has("CZ") || has("WITZ");
  }

  sound_keys keys(std::size_t longest) {
    if (w_.empty()) return {};
    int i = 0;
    if (at(0, {"GN", "KN", "PN", "WR", "PS"})) i = 1;
    if (w_[0] == 'X') add("S"), i = 1;
    while (i <= last_ && (primary_.size() < longest || alternate_.size() < longest)) i = step(i);
    primary_.resize(std::min(primary_.size(), longest));
    alternate_.resize(std::min(alternate_.size(), longest));
    return {primary_, alternate_};
  }

 private:
  std::string w_, primary_, alternate_;
  int last_ = -1;
  bool slavo_germanic_ = false;

  bool has(std::string_view s) const { return w_.find(s) != std::string::npos; }
  char ch(int i) const { return i >= 0 && i <= last_ ? w_[i] : '\0'; }
  bool vowel(int i) const {
    const char c = ch(i);
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
  }
  bool at(int i, std::initializer_list<std::string_view> options) const {
    if (i < 0) return false;
    for (auto o : options)
      if (static_cast<std::size_t>(i) + o.size() <= w_.size() && w_.compare(i, o.size(), o) == 0)
        return true;
    return false;
  }
  void add(std::string_view both) { add(both, both); }
  void add(std::string_view p, std::string_view a) {
    primary_ += p;
    alternate_ += a;
  }
  bool germanic() const { return at(0, {"VAN ", "VON ", "SCH"}); }

  int step(int i) {
    switch (ch(i)) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        if (i == 0) add("A");
        return i + 1;
      case 'B':
        add("P");
        return ch(i + 1) == 'B' ? i + 2 : i + 1;
      case 'C':
        return c_at(i);
      case 'D':
        if (at(i, {"DG"})) {
          if (at(i + 2, {"I", "E", "Y"})) return add("J"), i + 3;
          return add("TK"), i + 2;
        }
        add("T");
        return at(i, {"DT", "DD"}) ? i + 2 : i + 1;
      case 'F':
        add("F");
        return ch(i + 1) == 'F' ? i + 2 : i + 1;
      case 'G':
        return g_at(i);
      case 'H':
        if ((i == 0 || vowel(i - 1)) && vowel(i + 1)) return add("H"), i + 2;
        return i + 1;
      case 'J':
        return j_at(i);
      case 'K':
        add("K");
        return ch(i + 1) == 'K' ? i + 2 : i + 1;
      case 'L':
        if (ch(i + 1) == 'L') {
          const bool spanish =
              (i == last_ - 2 && at(i - 1, {"ILLO", "ILLA", "ALLE"})) ||
              ((at(last_ - 1, {"AS", "OS"}) || at(last_, {"A", "O"})) && at(i - 1, {"ALLE"}));
          spanish ? add("L", "") : add("L");
          return i + 2;
        }
        add("L");
        return i + 1;
      case 'M':
        add("M");
        return (at(i - 1, {"UMB"}) && (i + 1 == last_ || at(i + 2, {"ER"}))) || ch(i + 1) == 'M'
                   ? i + 2
                   : i + 1;
      case 'N':
        add("N");
        return ch(i + 1) == 'N' ? i + 2 : i + 1;
      case 'P':
        if (ch(i + 1) == 'H') return add("F"), i + 2;
        add("P");
        return at(i + 1, {"P", "B"}) ? i + 2 : i + 1;
      case 'Q':
        add("K");
        return ch(i + 1) == 'Q' ? i + 2 : i + 1;
      case 'R':
        if (i == last_ && !slavo_germanic_ && at(i - 2, {"IE"}) && !at(i - 4, {"ME", "MA"}))
          add("", "R");
        else
          add("R");
        return ch(i + 1) == 'R' ? i + 2 : i + 1;
      case 'S':
        return s_at(i);
      case 'T':
        return t_at(i);
      case 'V':
        add("F");
        return ch(i + 1) == 'V' ? i + 2 : i + 1;
      case 'W':
        return w_at(i);
      case 'X':
        if (!(i == last_ && (at(i - 3, {"IAU", "EAU"}) || at(i - 2, {"AU", "OU"})))) add("KS");
        return at(i + 1, {"C", "X"}) ? i + 2 : i + 1;
      case 'Z':
        if (ch(i + 1) == 'H') return add("J"), i + 2;
        if (at(i + 1, {"ZO", "ZI", "ZA"}) || (slavo_germanic_ && i > 0 && ch(i - 1) != 'T'))
          add("S", "TS");
        else
          add("S");
        return ch(i + 1) == 'Z' ? i + 2 : i + 1;
      default:
        return i + 1;
    }
  }

  int c_at(int i) {
    if (i > 1 && !vowel(i - 2) && at(i - 1, {"ACH"}) && ch(i + 2) != 'I' &&
        (ch(i + 2) != 'E' || at(i - 2, {"BACHER", "MACHER"})))
      return add("K"), i + 2;
    if (i == 0 && at(i, {"CAESAR"})) return add("S"), i + 2;
    if (at(i, {"CHIA"})) return add("K"), i + 2;
    if (at(i, {"CH"})) {
      if (i > 0 && at(i, {"CHAE"})) return add("K", "X"), i + 2;
      if (i == 0 && (at(i + 1, {"HARAC", "HARIS"}) || at(i + 1, {"HOR", "HYM", "HIA", "HEM"})) &&
          !at(0, {"CHORE"}))
        return add("K"), i + 2;
      if (germanic() || at(i - 2, {"ORCHES", "ARCHIT", "ORCHID"}) || at(i + 2, {"T", "S"}) ||
          ((at(i - 1, {"A", "O", "U", "E"}) || i == 0) &&
           at(i + 2, {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "}))) {
        add("K");
      } else if (i > 0) {
        at(0, {"MC"}) ? add("K") : add("X", "K");
      } else {
        add("X");
      }
      return i + 2;
    }
    if (at(i, {"CZ"}) && !at(i - 2, {"WICZ"})) return add("S", "X"), i + 2;
    if (at(i + 1, {"CIA"})) return add("X"), i + 3;
    if (at(i, {"CC"}) && !(i == 1 && ch(0) == 'M')) {
      if (at(i + 2, {"I", "E", "H"}) && !at(i + 2, {"HU"})) {
        (i == 1 && ch(0) == 'A') || at(i - 1, {"UCCEE", "UCCES"}) ? add("KS") : add("X");
        return i + 3;
      }
      return add("K"), i + 2;
    }
    if (at(i, {"CK", "CG", "CQ"})) return add("K"), i + 2;
    if (at(i, {"CI", "CE", "CY"})) {
      at(i, {"CIO", "CIE", "CIA"}) ? add("S", "X") : add("S");
      return i + 2;
    }
    add("K");
    if (at(i + 1, {" C", " Q", " G"})) return i + 3;
    if (at(i + 1, {"C", "K", "Q"}) && !at(i + 1, {"CE", "CI"})) return i + 2;
    return i + 1;
  }

  int g_at(int i) {
    if (ch(i + 1) == 'H') {
      if (i > 0 && !vowel(i - 1)) return add("K"), i + 2;
      if (i == 0) {
        ch(i + 2) == 'I' ? add("J") : add("K");
        return i + 2;
      }
      if ((i > 1 && at(i - 2, {"B", "H", "D"})) || (i > 2 && at(i - 3, {"B", "H", "D"})) ||
          (i > 3 && at(i - 4, {"B", "H"})))
        return i + 2;
      if (i > 2 && ch(i - 1) == 'U' && at(i - 3, {"C", "G", "L", "R", "T"}))
        add("F");
      else if (i > 0 && ch(i - 1) != 'I')
        add("K");
      return i + 2;
    }
    if (ch(i + 1) == 'N') {
      if (i == 1 && vowel(0) && !slavo_germanic_)
        add("KN", "N");
      else if (!at(i + 2, {"EY"}) && ch(i + 1) != 'Y' && !slavo_germanic_)
        add("N", "KN");
      else
        add("KN");
      return i + 2;
    }
    if (at(i + 1, {"LI"}) && !slavo_germanic_) return add("KL", "L"), i + 2;
    if (i == 0 && (ch(i + 1) == 'Y' ||
                   at(i + 1, {"ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"})))
      return add("K", "J"), i + 2;
    if ((at(i + 1, {"ER"}) || ch(i + 1) == 'Y') && !at(0, {"DANGER", "RANGER", "MANGER"}) &&
        !at(i - 1, {"E", "I"}) && !at(i - 1, {"RGY", "OGY"}))
      return add("K", "J"), i + 2;
    if (at(i + 1, {"E", "I", "Y"}) || at(i - 1, {"AGGI", "OGGI"})) {
      if (germanic() || at(i + 1, {"ET"}))
        add("K");
      else if (at(i + 1, {"IER "}) || (i + 3 == last_ + 1 && at(i + 1, {"IER"})))
        add("J");
      else
        add("J", "K");
      return i + 2;
    }
    add("K");
    return ch(i + 1) == 'G' ? i + 2 : i + 1;
  }

  int j_at(int i) {
    if (at(i, {"JOSE"}) || at(0, {"SAN "})) {
      (i == 0 && ch(i + 4) == ' ') || at(0, {"SAN "}) ? add("H") : add("J", "H");
      return i + 1;
    }
    if (i == 0 && !at(i, {"JOSE"}))
      add("J", "A");
    else if (vowel(i - 1) && !slavo_germanic_ && (ch(i + 1) == 'A' || ch(i + 1) == 'O'))
      add("J", "H");
    else if (i == last_)
      add("J", "");
    else if (!at(i + 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) && !at(i - 1, {"S", "K", "L"}))
      add("J");
    return ch(i + 1) == 'J' ? i + 2 : i + 1;
  }

  int s_at(int i) {
    if (at(i - 1, {"ISL", "YSL"})) return i + 1;
    if (i == 0 && at(i, {"SUGAR"})) return add("X", "S"), i + 1;
    if (at(i, {"SH"})) {
      at(i + 1, {"HEIM", "HOEK", "HOLM", "HOLZ"}) ? add("S") : add("X");
      return i + 2;
    }
    if (at(i, {"SIO", "SIA"}) || at(i, {"SIAN"})) {
      slavo_germanic_ ? add("S") : add("S", "X");
      return i + 3;
    }
    if ((i == 0 && at(i + 1, {"M", "N", "L", "W"})) || at(i + 1, {"Z"})) {
      add("S", "X");
      return at(i + 1, {"Z"}) ? i + 2 : i + 1;
    }
    if (at(i, {"SC"})) {
      if (ch(i + 2) == 'H') {
        if (at(i + 3, {"OO", "ER", "EN", "UY", "ED", "EM"}))
          at(i + 3, {"ER", "EN"}) ? add("X", "SK") : add("SK");
        else
          i == 0 && !vowel(3) && ch(3) != 'W' ? add("X", "S") : add("X");
        return i + 3;
      }
      at(i + 2, {"I", "E", "Y"}) ? add("S") : add("SK");
      return i + 3;
    }
    i == last_&& at(i - 2, {"AI", "OI"}) ? add("", "S") : add("S");
    return at(i + 1, {"S", "Z"}) ? i + 2 : i + 1;
  }

  int t_at(int i) {
    if (at(i, {"TION", "TIA", "TCH"})) return add("X"), i + 3;
    if (at(i, {"TH", "TTH"})) {
      at(i + 2, {"OM", "AM"}) || germanic() ? add("T") : add("0", "T");
      return i + 2;
    }
    add("T");
    return at(i + 1, {"T", "D"}) ? i + 2 : i + 1;
  }

  int w_at(int i) {
    if (at(i, {"WR"})) return add("R"), i + 2;
    if (i == 0 && (vowel(i + 1) || at(i, {"WH"}))) vowel(i + 1) ? add("A", "F") : add("A");
    if ((i == last_ && vowel(i - 1)) || at(i - 1, {"EWSKI", "EWSKY", "OWSKI", "OWSKY"}) ||
        at(0, {"SCH"}))
      return add("", "F"), i + 1;
    if (at(i, {"WICZ", "WITZ"})) return add("TS", "FX"), i + 4;
    return i + 1;
  }
};

}  // namespace

sound_keys double_metaphone(std::string_view word, std::size_t longest) {
  return metaphone{word}.keys(longest);
}

bool sound_alike(std::string_view a, std::string_view b) {
  const auto x = double_metaphone(a), y = double_metaphone(b);
  if (x.primary.empty() || y.primary.empty()) return false;
  return x.primary == y.primary || x.primary == y.alternate || x.alternate == y.primary ||
         (!x.alternate.empty() && x.alternate == y.alternate);
}

}  // namespace frontdesk::domain
