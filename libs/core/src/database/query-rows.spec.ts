import { returnedRows } from './query-rows';

describe('returnedRows', () => {
  it('unwraps the [rows, affected] pair TypeORM returns for UPDATE/DELETE', () => {
    expect(returnedRows([[{ id: '1' }, { id: '2' }], 2])).toEqual([{ id: '1' }, { id: '2' }]);
    expect(returnedRows([[], 0])).toEqual([]);
  });

  it('passes rows of SELECT/INSERT through, including two-row results', () => {
    expect(returnedRows([{ id: '1' }, { id: '2' }])).toEqual([{ id: '1' }, { id: '2' }]);
    expect(returnedRows([])).toEqual([]);
  });
});
