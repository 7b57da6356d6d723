/// `tenet-rules`: placeholder until the rules server lands (this commit only reserves the target).
@main
struct RulesPlugin {
    static func main() {}
}
