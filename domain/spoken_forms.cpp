#include "domain/spoken_forms.hpp"

#include <map>

#include "domain/words.hpp"

namespace frontdesk::domain {

const std::vector<std::string>& heard_as(std::string_view name_word) {
  // Vietnamese, Irish, Polish and Chinese names as English speech-to-text writes them. Spellings
  // that are another common name (Shane, Owen, Lucas) are left out: they would make a person of
  // someone else.
  static const std::map<std::string, std::vector<std::string>, std::less<>> table{
      {"nguyen",
       {"win", "wynn", "when", "newen", "nuyen", "nwin", "ngyuen", "nyugen", "nuwen", "nooyen",
        "nguen", "ngwen", "newin"}},
      {"thi", {"tee", "tea", "ti", "thee"}},
      {"tran", {"trun", "tron", "tranh"}},
      {"pham", {"fam", "farm", "fahm"}},
      {"huynh", {"win", "hwin", "hoon", "when"}},
      {"phuong", {"fong", "fuong", "foong"}},
      {"trinh", {"trin", "chin"}},
      {"hoang", {"hwang", "hwong"}},
      {"duong", {"zoong", "yoong", "zuong"}},
      {"siobhan",
       {"shivawn", "shivaun", "shevaun", "shevonne", "chevonne", "shavon", "shivon", "sheevawn",
        "shervon", "shavonne", "shivan", "chevon", "shevon"}},
      {"niamh", {"neeve", "neve", "neev", "nieve", "neave", "niav", "neef", "neeve"}},
      {"aoife", {"eefa", "efa", "ifa", "eeffa", "eefah"}},
      {"tadhg", {"tige", "taig", "teig", "tiger", "tyg", "teague", "tigue", "tyge"}},
      {"caoimhe", {"keeva", "kweeva", "queeva", "keevah"}},
      {"saoirse", {"sersha", "seersha", "searsha", "sorsha", "sursha"}},
      {"ciara", {"keira", "kiera", "keera"}},
      {"padraig", {"porrick", "pawdrig", "pohrig", "paudrig"}},
      {"grainne", {"grawnya", "grania", "grahnya"}},
      {"oisin", {"osheen", "usheen", "osheen"}},
      {"sinead", {"shinade", "shenade", "shinaid", "shinead"}},
      {"roisin", {"rosheen", "roseheen"}},
      {"aisling", {"ashling", "ashlin", "ashleen"}},
      {"sean", {"shawn", "shaun", "shorn", "shon"}},
      {"katarzyna", {"kasia", "kasha", "katazhina", "katajina", "katarjina"}},
      {"wisniewska",
       {"vishnevska", "vishnefska", "wishnefska", "wishnevska", "wisnefska", "vishnyevska",
        "wishnevsky", "vishnevsky"}},
      {"wisniewski", {"vishnevski", "vishnevsky", "wishnefski", "wishnevski"}},
      {"krzysztof", {"kshishtof", "krishtof", "kshishtoff"}},
      {"malgorzata", {"gosia", "malgosha", "mawgoshata"}},
      {"wojciech", {"voytek", "voitech", "wojtek", "voytech"}},
      {"lukasz", {"wookash", "lookash", "wukash"}},
      {"grzegorz", {"gzhegosh", "gregosh"}},
      {"szymanski", {"shimanski", "shymanski"}},
      {"xiao", {"shao", "sheow", "shiao", "zhao", "shau", "show", "shyow"}},
      {"xu", {"shoo", "shu", "zoo"}},
      {"zhang", {"jang", "jung", "chang"}},
      {"zhou", {"joe", "jo", "chou", "jow"}},
      {"qian", {"chien", "chian", "chyen"}},
      {"cheng", {"chung"}},
      {"wang", {"wong"}},
  };
  static const std::vector<std::string> none;
  const auto it = table.find(name_word);
  return it == table.end() ? none : it->second;
}

std::vector<std::string> role_names(std::string_view designation) {
  static const std::vector<std::pair<std::string_view, std::vector<std::string>>> roles{
      {"physiotherapist", {"physio", "physical therapist"}},
      {"chiropractor", {"chiro"}},
      {"osteopath", {"osteo"}},
      {"podiatrist", {"podiatry", "foot doctor"}},
      {"myotherapist", {"myo"}},
      {"massage therapist", {"massage", "masseuse", "masseur"}},
      {"psychologist", {"psych"}},
      {"dietitian", {"dietician", "nutritionist"}},
      {"occupational therapist", {"ot"}},
      {"exercise physiologist", {"ep"}},
      {"pilates instructor", {"pilates teacher"}},
      {"general practitioner", {"gp"}},
      {"acupuncturist", {"acupuncture"}},
  };
  std::vector<std::string> out;
  if (designation.empty()) return out;
  out.emplace_back(designation);
  const auto d = normalize(designation);
  for (const auto& [role, names] : roles)
    if (d.find(role) != std::string::npos) out.insert(out.end(), names.begin(), names.end());
  return out;
}

std::vector<std::string> state_names(std::string_view state) {
  static const std::vector<std::pair<std::string_view, std::string_view>> states{
      {"nsw", "new south wales"},
      {"vic", "victoria"},
      {"qld", "queensland"},
      {"sa", "south australia"},
      {"wa", "western australia"},
      {"tas", "tasmania"},
      {"act", "australian capital territory"},
      {"nt", "northern territory"}};
  const auto s = normalize(state);
  for (const auto& [code, name] : states)
    if (s == code || s == name) return {std::string(code), std::string(name)};
  if (s.empty()) return {};
  return {s};
}

}  // namespace frontdesk::domain
