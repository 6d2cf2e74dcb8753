public enum SpriteScriptVersion { public static let string = "0.1.0" }
