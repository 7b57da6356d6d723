/// Reserved: the rules plugin's logic (being written).
enum RulesServerPlaceholder {}
