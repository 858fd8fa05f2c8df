// The shapes of the public routes' requests (zod, server side only). The limits themselves are
// the shared rules' (`submissionProblems`, `ratingProblems`), checked after the shape.
import { z } from 'zod'
import { id, suggestionCategories } from '@shared/records'
import { MINE_MAX } from '@shared/villager/api'
import { villagerOutcomes } from '@shared/villager/rating'

/** A village's public code as the URL carries it. */
export const villageCodeParam = z.object({ code: z.string().regex(/^[a-z0-9]{4,12}$/) })

export const submissionRequest = z.object({
  id,
  // No length here: an over-long text is a 413 from the shared rule, not a 400 from the shape.
  content: z.string(),
  category: z.enum(suggestionCategories).nullable(),
  name: z.string().max(400),
  phone: z.string().max(40),
  publicName: z.boolean(),
  receipt: z.object({ code: z.string().max(20), secret: z.string().max(100) }),
  device: z.string().max(100),
  website: z.string().max(2000).default(''),
  voice: z
    .object({ mime: z.string().max(100), data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'voice_not_base64'), seconds: z.number().int().min(0).max(3600) })
    .nullable()
    .default(null),
})

export const mineRequest = z.object({
  items: z.array(z.object({ id, secret: z.string().max(100) })).max(MINE_MAX),
})

export const followRequest = z.object({ code: z.string().max(40) })

export const ratingParams = villageCodeParam.extend({ id })

export const ratingRequest = z.object({
  secret: z.string().max(100),
  stars: z.number(),
  outcome: z.enum(villagerOutcomes),
  note: z.string().max(2000).default(''),
})
