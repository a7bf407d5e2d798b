export { AviratoCardService } from "./avirato-card"
