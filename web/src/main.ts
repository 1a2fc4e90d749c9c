import ElementPlus, { ElMessage } from 'element-plus';
import 'element-plus/dist/index.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { setUnauthorizedHandler } from '@/api/http';
import { useAuthStore } from '@/features/auth/store';
import { router } from '@/router';
import App from './App.vue';
import './styles/main.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(router).use(ElementPlus);

setUnauthorizedHandler((message) => {
  const auth = useAuthStore(pinia);
  if (!auth.loggedIn) return;
  auth.clear();
  // The server's reason (idle timeout, revoked, disabled) is worth showing; a bare "请先登录" means the cookie is gone.
  ElMessage.error(message && message !== '请先登录' ? message : '登录已失效，请重新登录');
  const current = router.currentRoute.value;
  void router.replace({ name: 'login', query: current.name === 'login' ? {} : { redirect: current.fullPath } });
});

app.mount('#app');
