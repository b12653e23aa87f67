import type { Activity, TestAdapter } from 'botbuilder';

/** Who writes: a Teams user by Entra object id and display name. */
export interface TeamsUser {
  id: string;
  name: string;
}

/**
 * One turn through the Bot Framework protocol as Teams sends it (channel msteams, Danish locale), from `user`
 * in their personal chat with the bot (or another conversation); resolves what the bot sent back:
 * messages, and the invoke response for card actions.
 */
export async function teamsTurn(
  adapter: TestAdapter,
  user: TeamsUser,
  activity: Partial<Activity>,
  { conversationType = 'personal', conversationId = `a:${user.id}` }: { conversationType?: string; conversationId?: string } = {},
): Promise<Partial<Activity>[]> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity({
    channelId: 'msteams',
    locale: 'da-DK',
    conversation: { id: conversationId, conversationType, isGroup: conversationType !== 'personal' },
    from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.id },
    ...activity,
  } as Partial<Activity>);
  return [...adapter.activeQueue];
}
