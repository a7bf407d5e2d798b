// Each test file boots its own Medusa app or module; MikroORM metadata must not leak between them.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()
