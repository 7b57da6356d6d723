/// An error the operator must fix before the plugin can start: a wrong or missing variable,
/// setting or file. ``PluginMain`` exits with code 78 (`EX_CONFIG`) for these, so the
/// supervisor's status tells them apart from crashes. Conform a plugin's own configuration
/// errors to it.
public protocol PluginConfigurationError: Error {}

extension PluginEnvironmentError: PluginConfigurationError {}
