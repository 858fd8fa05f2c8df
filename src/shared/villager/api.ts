// The village page's API (`/api/v/:code/…`, no account): requests and answers, shared by the
// server routes and the page. Types only, so the page loads no schema library for them.
import type { VillageBoard } from './board'
import type { VillagerView } from './status'

export type { VillagerSubmission, VoiceUpload } from './submission'
export type { VillagerRating } from './rating'

/** `GET /api/v/:code`: the village and its public board. */
export interface VillageAnswer {
  village: { name: string; code: string }
  board: VillageBoard
  /**
   * Years the board's running deadlines reach for which the township has no holiday data: there
   * working days are counted Monday–Friday, and the page says so. Absent from older servers.
   */
  unknownYears?: number[]
  /** The server's time of the answer, so the page can say how old a kept copy is. */
  at: string
}

/** `POST /api/v/:code/suggestions`: 201 when stored now, 200 when it was already there. */
export interface SubmitAnswer {
  id: string
  receivedAt: string
  /**
   * The same text from this phone within 10 minutes was already stored under this id: the new
   * receipt follows that item too, and nothing new was stored.
   */
  sameAs: string | null
}

/** `POST /api/v/:code/mine {items: [{id, secret}]}`: this phone's own items, by id and secret. */
export interface MineRequest {
  items: { id: string; secret: string }[]
}
export interface MineAnswer {
  /** In the order asked; `view` null for an id the server does not know with that secret. */
  items: { id: string; view: VillagerView | null }[]
}

/** `POST /api/v/:code/follow {code}`: an item by its receipt code alone (read-only). */
export interface FollowRequest {
  code: string
}
export interface FollowAnswer {
  view: VillagerView
}

/** `POST /api/v/:code/suggestions/:id/rating`: the item after the rating. */
export interface RateAnswer {
  view: VillagerView
}

/** Most items one `mine` request asks about. */
export const MINE_MAX = 50
