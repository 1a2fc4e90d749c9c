import type { Page } from '@server/shared/paging';
import type { UserListQuery, UserView } from '@server/users/user.schemas';
import { http } from '@/api/http';

export const listUsers = (query: UserListQuery) => http.get<Page<UserView>>('/api/users', query);
