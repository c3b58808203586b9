import { firstValueFrom, forkJoin, of } from 'rxjs';
import { createBatcher } from './batcher';

describe(createBatcher.name, () => {
  it('fetches the keys asked for in the same tick with one call, each key once', async () => {
    const batches: string[][] = [];
    const sut = createBatcher(
      (ids: string[]) => {
        batches.push(ids);
        return of(ids.filter((id) => id !== 'gone').map((id) => ({ id })));
      },
      (item) => item.id,
    );

    const result = await firstValueFrom(
      forkJoin([sut.load('a'), sut.load('b'), sut.load('a'), sut.load('gone')]),
    );

    expect(batches).toEqual([['a', 'b', 'gone']]);
    expect(result).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'a' }, undefined]);
    await expect(firstValueFrom(sut.load('b'))).resolves.toEqual({ id: 'b' });
    expect(batches).toHaveLength(1);
  });
});
