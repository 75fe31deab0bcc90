// The receptionist's settings: business, customers, agents, blocked numbers, FAQ, screening, prompts.
import { z } from 'zod';

export const assistantSchema = z.object({
  businessName: z.string().min(1).default('frontdesk'),
  region: z.string().length(2).default('US'),
});
