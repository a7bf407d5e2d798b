import { model } from "@medusajs/framework/utils"

/**
 * One row per settings scope (today only "operational"): the values the store owner edits on the
 * admin's "Avarda & Avirato" settings page. Never holds secrets.
 */
const PluginSetting = model.define("avarda_avirato_setting", {
  id: model.id({ prefix: "aaset" }).primaryKey(),
  scope: model.text().unique(),
  values: model.json(),
  /** Actor id of the admin user who saved last. */
  updated_by: model.text().nullable(),
})

export default PluginSetting
